import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { signIn } from "./fixtures";

// Maria is a manager who works in Dutch.
test("a manager registers an access request, links the contact, verifies identity and downloads the data", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const email = `eloise.${stamp}@example.test`;
  await signIn(page, "maria.manager@example.com");

  // The person exists in the register.
  await page.goto("/contacts/new");
  await page.getByLabel("Voornaam").fill("Éloïse");
  await page.getByLabel("Achternaam").fill(`Peeters ${stamp}`);
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Taal", { exact: true }).selectOption("fr");
  await page.getByRole("checkbox", { name: /Prospectie/ }).check();
  await page.getByRole("button", { name: "Contact aanmaken" }).click();
  await expect(page.getByRole("heading", { name: `Éloïse Peeters ${stamp}` })).toBeVisible();

  // She asks for a copy of her data: register the request.
  await page.getByRole("link", { name: "Privacy", exact: true }).click();
  await page.getByRole("link", { name: "Verzoeken van betrokkenen" }).click();
  await page.getByRole("link", { name: "Verzoek registreren" }).click();
  await page.getByLabel("Soort").selectOption("access");
  await page.getByLabel("Aanvrager", { exact: true }).fill(`Éloïse Peeters ${stamp}`);
  await page.getByLabel("E-mail van de aanvrager").fill(email);
  await page.getByRole("button", { name: "Registreren" }).click();
  await expect(page.getByText("Het verzoek werd geregistreerd.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Verzoek #\d+ · Inzage/ })).toBeVisible();
  const requestUrl = new URL(page.url());

  // The contact with the same e-mail is proposed; link it.
  await page.getByRole("button", { name: `Éloïse Peeters ${stamp} koppelen` }).click();
  await expect(page.getByText("Het contact werd gekoppeld.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Betrokken contacten" })).toContainText(email);

  // Nothing is handed over before identity is verified.
  await expect(page.getByRole("link", { name: "Gegevens downloaden (ZIP)" })).toHaveCount(0);
  const refused = await page.request.get(`${requestUrl.pathname}/pack.zip`);
  expect(refused.status()).toBe(409);
  expect(await refused.text()).toContain("Controleer eerst de identiteit");

  await page.getByLabel("Hoe de identiteit werd gecontroleerd").selectOption("known-email-reply");
  await page.getByLabel("Opmerking").fill("Antwoordde vanaf het gekende adres");
  await page.getByRole("button", { name: "Identiteit als gecontroleerd registreren" }).click();
  await expect(page.getByText("De identiteitscontrole werd geregistreerd.")).toBeVisible();
  await expect(page.getByTestId("identity-verified")).toContainText("Maria Janssens");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Gegevens downloaden (ZIP)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^access-request-\d+\.zip$/);
  const files = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
  const data = JSON.parse(strFromU8(files["data.json"]));
  expect(data.request.type).toBe("access");
  expect(data.subjects).toHaveLength(1);
  expect(data.subjects[0].contact).toMatchObject({ firstName: "Éloïse", lastName: `Peeters ${stamp}`, email, language: "fr" });
  expect(data.subjects[0].processingRecords.map((r: { purposeCode: string }) => r.purposeCode)).toEqual(["prospecting"]);
  expect(data.subjects[0].auditEntries.map((a: { action: string }) => a.action)).toContain("contact.created");
  // The readable summary speaks the person's language, not Maria's.
  expect(strFromU8(files["summary.html"])).toContain("Vos données personnelles");
  expect(Object.keys(files)).toEqual(expect.arrayContaining(["contact.csv", "processing-records.csv", "consents.csv", "interactions.csv"]));
});

test("sales staff cannot open the requests", async ({ page }) => {
  await signIn(page, "sven.sales@example.com");
  await expect(page.getByRole("link", { name: "Privacy", exact: true })).toHaveCount(0);
  const response = await page.goto("/privacy/requests");
  expect(response?.status()).toBe(403);
});
