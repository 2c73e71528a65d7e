import { expect, type Page } from "@playwright/test";

/** Creates a contact through the contact form (English UI), as a member of staff would; returns its id. */
export async function createContactInUi(page: Page, c: { firstName: string; lastName: string; organisation?: string; language?: "en" | "nl" | "fr" }) {
  await page.goto("/contacts/new");
  await page.getByLabel("First name").fill(c.firstName);
  await page.getByLabel("Last name").fill(c.lastName);
  await page.getByLabel("E-mail").fill(`${c.firstName}.${c.lastName}@example.test`.toLowerCase());
  if (c.organisation) await page.getByLabel("Organisation", { exact: true }).fill(c.organisation);
  if (c.language) await page.getByLabel("Language").selectOption(c.language);
  await page.getByRole("checkbox", { name: /Prospecting/ }).check();
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page).toHaveURL(/\/contacts\/\d+$/);
  await expect(page.getByRole("heading", { name: `${c.firstName} ${c.lastName}` })).toBeVisible();
  return Number(new URL(page.url()).pathname.split("/").pop());
}
