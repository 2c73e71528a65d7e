import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

const day = (iso: string) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "Europe/Brussels" }).format(new Date(iso));
const plusYears = (date: Date, years: number) => `${date.getUTCFullYear() + years}-${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(date.getUTCDate()).padStart(2, "0")}`;

test("a contact is kept with a purpose, warned about as a duplicate, moved by an interaction, restricted and left out of the export", async ({ page }) => {
  const unique = Date.now().toString(36);
  const orgName = `Schelde Logistics ${unique}`;
  await signIn(page, "ada.admin@example.com");

  // An organisation with a Belgian VAT number.
  await page.goto("/organisations/new");
  await page.getByLabel("Name", { exact: true }).fill(orgName);
  await page.getByLabel("VAT number").fill("BE 0123.456.749");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByText("The organisation was created.")).toBeVisible();

  // A contact without a purpose is refused, with the reason next to the purposes.
  await page.goto("/contacts/new");
  await expect(page.getByRole("heading", { name: "New contact" })).toBeVisible();
  await page.getByLabel("First name").fill("Chloé");
  await page.getByLabel("Last name").fill("Dubois");
  await page.getByLabel("E-mail").fill(`chloe.${unique}@example.org`);
  await page.getByLabel("Organisation", { exact: true }).fill(orgName);
  await page.getByLabel("Obtained on").fill("2025-01-15");
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByText("Choose at least one purpose: a contact cannot be kept without a reason.")).toBeVisible();

  await page.getByRole("checkbox", { name: /^Prospecting/ }).check();
  await page.getByRole("checkbox", { name: /^Customer file management/ }).check();
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByText("The contact was created.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Chloé Dubois" })).toBeVisible();
  const contactUrl = page.url();
  // Prospecting is kept 3 years after the last interaction (none yet: from when we obtained the data);
  // the customer file 5 years after the contract's latest sign of life, here its start.
  await expect(page.getByTestId("retention-prospecting")).toHaveText(day("2028-01-15"));
  await expect(page.getByTestId("retention-file-management")).toHaveText(day("2030-01-15"));

  // The same name in the same organisation is flagged before a second record is made.
  await page.goto("/contacts/new");
  await page.getByLabel("First name").fill("chloe");
  await page.getByLabel("Last name").fill("DUBOIS");
  await page.getByLabel("E-mail").fill(`c.dubois.${unique}@example.org`);
  await page.getByLabel("Organisation", { exact: true }).fill(orgName);
  await page.getByRole("checkbox", { name: /^Prospecting/ }).check();
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByText(/A contact with the same name already exists in this organisation/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Chloé Dubois" })).toHaveAttribute("href", new URL(contactUrl).pathname);
  // It really is another person: save anyway.
  await page.getByLabel("This is another person: save anyway").check();
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByText("The contact was created.")).toBeVisible();

  // Logging an interaction moves the retention date.
  await page.goto(contactUrl);
  await page.getByRole("radio", { name: "Meeting" }).check();
  await page.getByLabel("Summary").fill("Discussed a GDPR training");
  await page.getByRole("button", { name: "Log interaction" }).click();
  await expect(page.getByText("The interaction was logged.")).toBeVisible();
  const today = new Date();
  await expect(page.getByTestId("retention-prospecting")).toHaveText(day(plusYears(today, 3)));
  await expect(page.getByTestId("retention-file-management")).toHaveText(day(plusYears(today, 5)));
  await expect(page.getByText("Discussed a GDPR training")).toBeVisible();

  // The contract ends: its file is kept 5 years from today, and the page says when it ended.
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByRole("checkbox", { name: /^Customer file management/ }).uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The contact was saved.")).toBeVisible();
  await expect(page.getByText(`Ended on ${day(today.toISOString())}`)).toBeVisible();
  await expect(page.getByTestId("retention-file-management")).toHaveText(day(plusYears(today, 5)));

  // Search finds it by the start of its e-mail address.
  await page.goto("/contacts");
  await page.getByLabel("Search contacts").fill(`chloe.${unique.slice(0, 4)}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: /Dubois/ }).first()).toBeVisible();

  // Restricted (Art. 18): read-only for everyone, and never exported.
  await page.goto(contactUrl);
  await page.getByLabel("Reason").fill("Accuracy contested by the person");
  await page.getByRole("button", { name: "Restrict", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Processing restricted (Art. 18)" })).toBeVisible();
  await expect(page.getByText(/Accuracy contested by the person/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Log interaction" })).toHaveCount(0);

  await page.goto(`/contacts?q=${encodeURIComponent(orgName)}`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV with semicolons (Excel in Belgium)" }).click();
  const csv = fs.readFileSync((await (await download).path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(`c.dubois.${unique}@example.org`);
  expect(csv).not.toContain(`chloe.${unique}@example.org`);
});
