import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { expect, test, type Page } from "@playwright/test";
import { attemptSignIn, createStaffThroughAdmin, signIn, signOut } from "./fixtures";

const EMAIL = "tess.twostep@example.com";
const PASSWORD = "Tess-Two-Step-Sign-In-77";

/** The code an authenticator app would show: the current step's, or the next one when the current was used (±1 step is accepted). */
function appCode(key: Uint8Array, lastUsedStep: number): { code: string; step: number } {
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now, lastUsedStep + 1);
  expect(step - now).toBeLessThanOrEqual(1);
  return { code: generateHOTP(key, BigInt(step), 6), step };
}

async function enterCode(page: Page, code: string) {
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a staff member sets up two-step sign-in, signs in with a code and with a recovery code once, and ends another session", async ({ page, browser }) => {
  test.setTimeout(120_000);

  // An admin creates the account this test owns.
  const oneTime = await createStaffThroughAdmin(page, { name: "Tess Twostep", email: EMAIL, role: "sales", language: "en" });

  await signIn(page, EMAIL, oneTime);
  await page.getByLabel("Current password").fill(oneTime);
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the new password").fill(PASSWORD);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByRole("heading", { name: "Home", exact: true })).toBeVisible();

  // Set-up from the profile: QR code and the key as text; the app's code switches it on.
  await page.getByRole("link", { name: "Profile" }).click();
  await expect(page.getByText("Two-step sign-in is off.")).toBeVisible();
  await page.getByRole("link", { name: "Two-step sign-in" }).click();
  await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const keyText = (await page.getByTestId("totp-key").textContent())!;
  const key = decodeBase32IgnorePadding(keyText.replace(/\s/g, ""));
  expect(key).toHaveLength(20);
  const confirm = page.getByRole("form", { name: "Confirm with a code" });
  await confirm.getByLabel("Code").fill("000000");
  await confirm.getByRole("button", { name: "Switch on" }).click();
  await expect(page.getByRole("alert")).toContainText("This code is not right");
  let used = appCode(key, 0);
  await confirm.getByLabel("Code").fill(used.code);
  await confirm.getByRole("button", { name: "Switch on" }).click();
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  const recoveryCodes = (await page.getByTestId("recovery-codes").getByRole("listitem").allTextContents()).map((c) => c.trim());
  expect(recoveryCodes).toHaveLength(10);
  await page.getByRole("link", { name: /I have saved them/ }).click();
  await expect(page.getByRole("heading", { name: "Home", exact: true })).toBeVisible();
  await signOut(page);

  // The password alone leads to the code page, and nowhere else.
  await attemptSignIn(page, EMAIL, PASSWORD);
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await page.goto("/contacts");
  await expect(page).toHaveURL(/\/login\/two-factor\?redirectTo=%2Fcontacts/);
  // The code just used to switch it on does not work again.
  await enterCode(page, used.code);
  await expect(page.getByRole("alert")).toContainText("not right or was already used");
  used = appCode(key, used.step);
  await enterCode(page, used.code);
  await expect(page.getByRole("heading", { name: "Contacts", level: 1 })).toBeVisible();
  await signOut(page);

  // A recovery code works once.
  await attemptSignIn(page, EMAIL, PASSWORD);
  await enterCode(page, recoveryCodes[0]);
  await expect(page.getByRole("heading", { name: "Home", exact: true })).toBeVisible();
  await signOut(page);
  await attemptSignIn(page, EMAIL, PASSWORD);
  await enterCode(page, recoveryCodes[0]);
  await expect(page.getByRole("alert")).toContainText("not right or was already used");
  await enterCode(page, recoveryCodes[1]);
  await expect(page.getByRole("heading", { name: "Home", exact: true })).toBeVisible();

  // A second browser signs in too; the first sees it and ends it.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await attemptSignIn(other, EMAIL, PASSWORD);
  await enterCode(other, recoveryCodes[2]);
  await expect(other.getByRole("heading", { name: "Home", exact: true })).toBeVisible();

  await page.goto("/profile");
  await page.getByRole("link", { name: "Your sessions" }).click();
  await expect(page.getByRole("heading", { name: "Your sessions" })).toBeVisible();
  const table = page.getByRole("table", { name: "Open sessions" });
  await expect(table.getByRole("row")).toHaveCount(3); // header + two sessions
  await expect(table.getByRole("row", { name: /This session/ })).toContainText("Chrome on Linux");
  await table.getByRole("button", { name: /^End the session/ }).click();
  await expect(page.getByText("The session was ended.")).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);

  await other.goto("/contacts");
  await expect(other).toHaveURL(/\/login\?redirectTo=%2Fcontacts/);
  await otherContext.close();

  // The profile now says it is on, and the admin sees it and can reset it.
  await page.goto("/profile");
  await expect(page.getByText("Two-step sign-in is on.")).toBeVisible();
  await signOut(page);
  await signIn(page, "ada.admin@example.com");
  await page.goto("/admin/staff");
  await page.getByRole("link", { name: "Tess Twostep" }).click();
  await expect(page.getByText(/^On since/)).toBeVisible();
  await page.getByRole("button", { name: "Reset two-step sign-in" }).click();
  await expect(page.getByText("Two-step sign-in was reset and the sessions ended.")).toBeVisible();
  await signOut(page);
  await signIn(page, EMAIL, PASSWORD);
  await expect(page.getByRole("heading", { name: "Home", exact: true })).toBeVisible();
});
