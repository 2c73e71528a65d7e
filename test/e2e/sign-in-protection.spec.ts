import { expect, test } from "@playwright/test";
import { attemptSignIn, E2E_DEMO_PASSWORD, signIn } from "./fixtures";

const GENERIC = /The e-mail or password is not right, or the account is locked/;

test("five wrong passwords lock the account; the message never tells whether the e-mail exists", async ({ page }) => {
  for (let attempt = 1; attempt <= 5; attempt++) {
    await attemptSignIn(page, "sven.sales@example.com", `wrong-password-${attempt}`);
    await expect(page.getByRole("alert")).toHaveText(GENERIC);
  }
  // Locked: even the right password is refused, with the same words.
  await attemptSignIn(page, "sven.sales@example.com", E2E_DEMO_PASSWORD);
  await expect(page.getByRole("alert")).toHaveText(GENERIC);
  await expect(page).toHaveURL(/\/login/);

  await attemptSignIn(page, "nobody-here@example.com", "whatever-password");
  await expect(page.getByRole("alert")).toHaveText(GENERIC);

  // An admin sees the lock and lifts it.
  await signIn(page, "ada.admin@example.com");
  await page.goto("/admin/staff");
  await expect(page.getByRole("row", { name: /Sven Maes/ })).toContainText("Locked");
  await page.getByRole("link", { name: "Sven Maes" }).click();
  await expect(page.getByRole("heading", { name: "Sven Maes" })).toBeVisible();
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(page.getByText("The account was unlocked.")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();

  await signIn(page, "sven.sales@example.com", E2E_DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Home" })).toBeVisible();
});

test("a manager is refused the admin pages", async ({ page }) => {
  await signIn(page, "marc.manager@example.com");
  await expect(page.getByRole("navigation", { name: /navigation/i })).toBeVisible();
  const response = await page.goto("/admin/audit");
  expect(response?.status()).toBe(403);
});
