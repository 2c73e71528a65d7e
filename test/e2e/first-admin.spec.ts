import { expect, test } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "../playwright.config";
import { signIn, signOut } from "./fixtures";

test("the first admin signs in, must choose a password, creates a sales colleague who is refused admin pages", async ({ page }) => {
  await signIn(page, "admin@example.com", E2E_ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/change-password/);
  await expect(page.getByText(/choose your own password/i)).toBeVisible();

  // A too short and a common password are refused next to the field.
  await page.getByLabel("Current password").fill(E2E_ADMIN_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the new password").fill("short");
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("password1234567");
  await page.getByLabel("Repeat the new password").fill("password1234567");
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByText("This password is too common. Choose another one.")).toBeVisible();

  const adminPassword = "Correct-Horse-Battery-42";
  await page.getByLabel("Current password").fill(E2E_ADMIN_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(adminPassword);
  await page.getByLabel("Repeat the new password").fill(adminPassword);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByRole("heading", { name: "Home" })).toBeVisible();
  await expect(page.getByText("Your password was changed")).toBeVisible();

  // Create a sales colleague.
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: "New staff member" }).click();
  await expect(page.getByRole("heading", { name: "New staff member" })).toBeVisible();
  await page.getByLabel("Name").fill("Nina Nieuw");
  await page.getByLabel("E-mail").fill("nina@example.com");
  await page.getByLabel("Role").selectOption("sales");
  await page.getByLabel("Language").selectOption("en");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Account created" })).toBeVisible();
  const oneTime = (await page.getByTestId("one-time-password").textContent())!.trim();
  expect(oneTime).toHaveLength(24);

  await page.goto("/admin/staff");
  await expect(page.getByRole("cell", { name: "nina@example.com" })).toBeVisible();
  await signOut(page);

  // The colleague signs in, sets a password and is refused the admin pages.
  await signIn(page, "nina@example.com", oneTime);
  await expect(page).toHaveURL(/\/change-password/);
  await page.getByLabel("Current password").fill(oneTime);
  await page.getByLabel("New password", { exact: true }).fill("Nina-Sells-Training-2026");
  await page.getByLabel("Repeat the new password").fill("Nina-Sells-Training-2026");
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByRole("heading", { name: "Home" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);

  const response = await page.goto("/admin/staff");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();

  await page.goto("/");
  await signOut(page);
  // Signed out, every page leads back to sign-in.
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fprofile/);
});

test("the admin sees the last sign-in and the audit trail with filters", async ({ page }) => {
  await signIn(page, "ada.admin@example.com");
  await page.goto("/admin/staff");
  const row = page.getByRole("row", { name: /Ada Willems/ });
  await expect(row).toContainText("127.0.0.1");
  await page.getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("sign-in");
  await page.getByLabel("Record type").selectOption("staff");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/type=staff/);
  await expect(page.getByRole("table")).toContainText("staff.created");
});
