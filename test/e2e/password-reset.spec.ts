import { expect, test } from "@playwright/test";
import { createStaffThroughAdmin, signIn, signOut, waitForMail } from "./fixtures";

test("a forgotten password is reset through the link in a real mail, once", async ({ page }) => {
  // This test owns its account (a Dutch-speaking manager), so no other test depends on its password.
  const email = `mieke.${Date.now().toString(36)}@example.com`;
  await createStaffThroughAdmin(page, { name: "Mieke Manager", email, role: "manager", language: "nl" });
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText(/a reset link is on its way/)).toBeVisible();

  // Same answer for an unknown address.
  await page.goto("/forgot-password");
  await page.getByLabel("E-mail").fill("unknown-person@example.com");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText(/a reset link is on its way/)).toBeVisible();

  const mail = await waitForMail(email);
  // Mieke works in Dutch: the mail is in her language.
  expect(mail.subject).toBe("Uw wachtwoord opnieuw instellen");
  const link = mail.text.match(/https?:\/\/\S+reset-password\?token=\S+/)![0];

  await page.goto(link);
  await page.getByLabel(/nieuw wachtwoord|new password/i).first().fill("Maria-Reset-Password-77");
  await page.getByLabel(/herhaal|repeat/i).fill("Maria-Reset-Password-77");
  await page.getByRole("button", { name: /set the password|wachtwoord instellen/i }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, email, "Maria-Reset-Password-77");
  await expect(page.getByRole("heading", { name: "Start" })).toBeVisible();
  await signOut(page); // waits for the sign-in page, so the next navigation cannot cut the sign-out short

  // The link is single-use.
  await page.goto(link);
  await page.getByLabel(/nieuw wachtwoord|new password/i).first().fill("Another-Password-9876");
  await page.getByLabel(/herhaal|repeat/i).fill("Another-Password-9876");
  await page.getByRole("button", { name: /set the password|wachtwoord instellen/i }).click();
  await expect(page.getByRole("alert")).toContainText(/no longer valid|niet meer geldig/);
});
