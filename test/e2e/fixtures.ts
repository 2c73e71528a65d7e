import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { E2E_DEMO_PASSWORD, E2E_MAIL_DIR } from "../playwright.config";

export { E2E_DEMO_PASSWORD };

/** Fills in and sends the sign-in form, as a person would; the caller checks what the page then shows. */
export async function attemptSignIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/password|wachtwoord|mot de passe/i).fill(password);
  await page.getByRole("button", { name: /sign in|aanmelden|se connecter/i }).click();
}

/** Signs in and waits until the app has left the sign-in page. */
export async function signIn(page: Page, email: string, password = E2E_DEMO_PASSWORD) {
  await attemptSignIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /sign out|afmelden|se déconnecter/i }).click();
  await expect(page).toHaveURL(/\/login/);
}

type CapturedMail = { to: string[]; subject: string; text: string };

/** Waits for a mail to `to` captured by the SMTP sink of the e2e run. */
export async function waitForMail(to: string, timeoutMs = 10_000): Promise<CapturedMail> {
  const dir = path.resolve(E2E_MAIL_DIR);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort().reverse() : [];
    for (const f of files) {
      const mail = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as CapturedMail;
      if (mail.to.includes(to)) return mail;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`No mail to ${to} within ${timeoutMs} ms`);
}

/** An admin creates a staff account through the admin pages; returns its one-time password. */
export async function createStaffThroughAdmin(
  page: Page,
  account: { name: string; email: string; role: "sales" | "manager" | "admin"; language: "en" | "nl" | "fr" },
): Promise<string> {
  await signIn(page, "ada.admin@example.com");
  await page.goto("/admin/staff/new");
  await expect(page.getByRole("heading", { name: "New staff member" })).toBeVisible();
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Role").selectOption(account.role);
  await page.getByLabel("Language").selectOption(account.language);
  await page.getByRole("button", { name: "Create account" }).click();
  const oneTime = (await page.getByTestId("one-time-password").textContent())!.trim();
  await signOut(page);
  return oneTime;
}
