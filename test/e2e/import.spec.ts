import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import iconv from "iconv-lite";
import { signIn } from "./fixtures";

const unique = () => Date.now().toString(36);

/** The upload form, as a person fills it in for a new trade fair. */
async function upload(page: Page, file: string, fair: string) {
  await page.getByRole("link", { name: "Lead imports" }).click();
  await page.getByRole("link", { name: "New import" }).first().click();
  await expect(page.getByRole("heading", { name: "Import a trade-fair lead file" })).toBeVisible();
  await page.getByLabel("Name of the fair").fill(fair);
  await page.getByLabel("Organiser", { exact: true }).fill(`Expo ${fair}`);
  await page.getByLabel("Leads obtained on").fill("2026-03-12");
  await page.getByLabel("Lead file (CSV)").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByText("The file was received. Check the columns, then preview.")).toBeVisible();
}

test("a French organiser's file: adjust the mapping, preview, import, see the report, undo", async ({ page }) => {
  await signIn(page, "sven.sales@example.com");
  await upload(page, path.resolve("test/fixtures/imports/fr-semicolon-1252.csv"), `Salon Entreprendre ${unique()}`);

  // The French headers were recognised; the person decides not to import job titles.
  await expect(page.getByLabel("Adresse e-mail")).toHaveValue("email");
  await expect(page.getByLabel("Accepte de recevoir nos offres")).toHaveValue("optIn");
  await page.getByLabel("Fonction").selectOption("ignore");
  await page.getByLabel("Opt-in wording shown to the visitors").fill("J'accepte de recevoir les offres et invitations de l'exposant.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("The whole file was checked. Nothing is written until you start the import.")).toBeVisible();

  // The first rows as they will be imported (accents decoded from Windows-1252), with their outcome; then the totals.
  const preview = page.getByRole("table", { name: "The first rows, as they will be imported" });
  await expect(preview.getByRole("row", { name: /Élodie.*Lefèvre/ })).toContainText("Created");
  await expect(preview.getByRole("columnheader", { name: "Job title" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Predicted for the whole file" })).toBeVisible();
  await expect(page.getByTestId("count-created")).toHaveText("3");
  await expect(page.getByLabel("Fonction")).toHaveValue("ignore");

  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByText("Imported", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Result" })).toBeVisible();
  await expect(page.getByTestId("count-created")).toHaveText("3");
  await expect(page.getByTestId("count-rejected")).toHaveText("0");

  // The created contact carries its source and Art. 14 date; its job title was left out as chosen.
  await page.getByRole("link", { name: "Created (3)" }).click();
  await page.getByRole("link", { name: "Élodie Lefèvre" }).click();
  await expect(page.getByRole("heading", { name: "Élodie Lefèvre" })).toBeVisible();
  await expect(page.getByText(/Trade fair · Salon Entreprendre/)).toBeVisible();
  await page.goBack();

  // Undo, behind a confirmation; the batch ends "Undone" and its contacts are gone.
  await page.getByText("Undo this import…").click();
  await page.getByRole("button", { name: "Yes, undo the import" }).click();
  await expect(page.getByText("Undone", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/This import was undone/)).toBeVisible();
  await expect(page.getByText("Nothing had to be kept.")).toBeVisible();
});

test("a large file shows its progress, and its rejected rows download with a reason to fix", async ({ page }) => {
  test.setTimeout(180_000);
  const id = unique();
  const lines = ["Prénom;Nom;Adresse e-mail;Société;Ville"];
  for (let i = 0; i < 20_000; i++) {
    lines.push(i % 1000 === 7 ? `Tom;Janssens${i};tom${i}@@exemple;Janssens NV;Gent` : `Zoé;Noël${i};zoe.${i}.${id}@exemple.be;Société ${i % 40};Liège`);
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-import-")), "salon-gros.csv");
  fs.writeFileSync(file, iconv.encode(lines.join("\r\n") + "\r\n", "windows-1252"));

  await signIn(page, "sven.sales@example.com");
  await upload(page, file, `Salon Gros ${id}`);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("count-rejected")).toHaveText("20", { timeout: 60_000 });
  await page.getByRole("button", { name: "Start import" }).click();

  // While it runs: a progress bar, the rows done, the rate and the time left; the page refreshes itself.
  await expect(page.getByRole("progressbar", { name: "Importing…" })).toBeVisible();
  await expect(page.getByTestId("progress-text")).toContainText(/of 20,000 rows/);
  await expect(page.getByRole("button", { name: "Cancel import" })).toBeVisible();
  await expect(page.getByText("Imported", { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("count-created")).toHaveText("19,980");
  await expect(page.getByTestId("count-rejected")).toHaveText("20");

  // The rejected rows, with the reason in the person's language, ready to fix and upload again.
  await expect(page.getByRole("row", { name: /Tom · Janssens7 · tom7@@exemple/ })).toContainText("The e-mail address is not valid.");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download the rejected rows/ }).click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const rows = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(rows[0]).toBe("Row;Prénom;Nom;Adresse e-mail;Société;Ville;Reason");
  expect(rows).toHaveLength(21);
  expect(rows[1]).toBe("9;Tom;Janssens7;tom7@@exemple;Janssens NV;Gent;The e-mail address is not valid.");
});
