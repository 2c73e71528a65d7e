import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./fixtures";

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Creates a prospect obtained five years ago through the contact form (Marc works in French); returns its id. */
async function oldProspect(page: Page, firstName: string, lastName: string): Promise<string> {
  await page.goto("/contacts/new");
  await page.getByLabel("Prénom").fill(firstName);
  await page.getByLabel("Nom", { exact: true }).fill(lastName);
  await page.getByLabel("Obtenues le").fill(day(-5 * 366));
  await page.getByRole("checkbox", { name: /^Prospection/ }).check();
  await page.getByRole("button", { name: "Créer le contact" }).click();
  await expect(page.getByRole("heading", { name: `${firstName} ${lastName}` })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

test("a manager works the retention review queue and every decision is in the audit trail", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await signIn(page, "marc.manager@example.com");
  const erase = await oldProspect(page, "Ernest", `Efface ${stamp}`);
  const extend = await oldProspect(page, "Prosper", `Prolonge ${stamp}`);
  const hold = await oldProspect(page, "Gaston", `Gele ${stamp}`);

  // Prospecting keeps data three years after the last contact: all three have run out.
  await page.goto("/privacy/review");
  await page.getByRole("button", { name: "Vérifier les durées maintenant" }).click();
  await expect(page.getByText(/Durées vérifiées : \d+ contacts nouvellement signalés/)).toBeVisible();
  const row = (name: string) => page.locator("tr", { hasText: name });
  for (const name of [`Efface ${stamp}`, `Prolonge ${stamp}`, `Gele ${stamp}`]) {
    await expect(row(name)).toContainText("Prospection : conservation échue le");
  }

  // Erase: only with the explicit confirmation.
  await row(`Efface ${stamp}`).getByRole("button", { name: "Effacer" }).click();
  await expect(row(`Efface ${stamp}`).getByRole("alert")).toHaveText("Cochez la case pour confirmer l'effacement.");
  await row(`Efface ${stamp}`).getByLabel("Je confirme l'effacement (irréversible)").check();
  await row(`Efface ${stamp}`).getByRole("button", { name: "Effacer" }).click();
  await expect(page.getByText("Le contact a été effacé", { exact: false })).toBeVisible();
  await expect(row(`Efface ${stamp}`)).toHaveCount(0);

  // Extend, with a reason and a date in the future.
  await row(`Prolonge ${stamp}`).getByLabel("Motif").fill("Appel d'offres en cours");
  await row(`Prolonge ${stamp}`).getByLabel("Conserver jusqu'au").fill(day(365));
  await row(`Prolonge ${stamp}`).getByRole("button", { name: "Prolonger" }).click();
  await expect(page.getByText("La durée de conservation a été prolongée.")).toBeVisible();
  await expect(row(`Prolonge ${stamp}`)).toHaveCount(0);

  // Legal hold, with a reason.
  await row(`Gele ${stamp}`).getByLabel("Motif").fill("Litige commercial en cours");
  await row(`Gele ${stamp}`).getByRole("button", { name: "Gel juridique" }).click();
  await expect(page.getByText("Le contact est conservé sous gel juridique.")).toBeVisible();
  await expect(row(`Gele ${stamp}`)).toHaveCount(0);

  // The hold is listed with its reason; lifting it, with a reason, puts the entry back in the queue.
  await page.getByRole("link", { name: "Contacts sous gel juridique" }).click();
  await expect(row(`Gele ${stamp}`)).toContainText("Litige commercial en cours");
  await row(`Gele ${stamp}`).getByLabel("Motif de la levée").fill("Litige réglé à l'amiable");
  await row(`Gele ${stamp}`).getByRole("button", { name: "Lever le gel" }).click();
  await expect(page.getByText("Le gel juridique a été levé.", { exact: false })).toBeVisible();
  await page.goto("/privacy/review");
  await expect(row(`Gele ${stamp}`)).toContainText("Prospection : conservation échue le");

  // The erased person is gone from the contact list search.
  await page.goto(`/contacts?q=${encodeURIComponent(`Efface ${stamp}`)}`);
  await expect(page.getByRole("link", { name: `Ernest Efface ${stamp}` })).toHaveCount(0);
  await signOut(page);

  // The administrator sees each decision in the audit trail.
  await signIn(page, "ada.admin@example.com");
  await page.goto("/admin/audit?type=contact");
  const audit = page.getByRole("table");
  await expect(audit.locator("tr", { hasText: "contact.erased" }).filter({ hasText: `contact #${erase}` })).toHaveCount(1);
  await expect(audit.locator("tr", { hasText: "retention.extended" }).filter({ hasText: `contact #${extend}` })).toHaveCount(1);
  await expect(audit.locator("tr", { hasText: "retention.held" }).filter({ hasText: `contact #${hold}` })).toHaveCount(1);
  await expect(audit.locator("tr", { hasText: "retention.hold-lifted" }).filter({ hasText: `contact #${hold}` })).toHaveCount(1);
  await expect(audit).not.toContainText(`Efface ${stamp}`);

  // The record of processing lists every seeded purpose.
  await page.goto("/privacy/register");
  await expect(page.getByRole("heading", { name: "Record of processing activities" })).toBeVisible();
  const purposes = page.getByRole("table", { name: "Purposes" });
  for (const name of ["Answering inquiries", "Prospecting", "Quotes and invoices", "Customer file management", "Training delivery and attendance records", "Newsletter and invitations", "Offer following a recent visit"]) {
    await expect(purposes.getByRole("rowheader", { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  await expect(purposes).toContainText("3 years after the last interaction");
  const csv = await page.request.get("/privacy/register.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).startsWith("\uFEFFKind;Name;Legal basis")).toBe(true);
});

test("an admin keeps purposes and processors, and a manager suppresses an address", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await signIn(page, "ada.admin@example.com");
  await expect(page.getByRole("heading", { name: "Privacy work waiting" })).toBeVisible();
  await expect(page.getByRole("link", { name: /contacts flagged for retention review/ })).toBeVisible();

  // A shorter rule moves the dates it governs in the background; the page follows the recompute to its summary.
  await page.goto("/admin");
  await page.getByRole("link", { name: "Purposes", exact: true }).click();
  await page.getByRole("link", { name: "Offer following a recent visit" }).click();
  await page.getByLabel("Months", { exact: true }).fill("5");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Purpose saved. The retention dates of its records are being recomputed in the background.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Retention dates recomputed" })).toBeVisible();
  await expect(page.getByText(/\d+ of \d+ records moved; review queue: \d+ newly flagged/)).toBeVisible();
  await page.getByRole("link", { name: "Purposes", exact: true }).click();
  await expect(page.getByRole("row", { name: /Offer following a recent visit/ })).toContainText("5 months after the visit");
  await page.getByRole("link", { name: "Offer following a recent visit" }).click();
  await page.getByLabel("Months", { exact: true }).fill("6");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Purpose saved. The retention dates of its records are being recomputed in the background.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Retention dates recomputed" })).toBeVisible();
  await page.getByRole("link", { name: "Purposes", exact: true }).click();
  await expect(page.getByRole("row", { name: /Offer following a recent visit/ })).toContainText("6 months after the visit");

  // Processors: the seeded placeholders are marked until their agreement is recorded.
  await page.getByRole("link", { name: "Processors", exact: true }).click();
  const processors = page.getByRole("table", { name: "Processors" });
  await expect(processors.getByText("To complete", { exact: true })).toHaveCount(3);
  await page.getByRole("link", { name: "Hosting provider (to complete)" }).click();
  await page.getByLabel("Name").fill(`Cloud Host ${stamp}`);
  await page.getByLabel("Processing agreement signed on").fill("2025-03-01");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Processor saved.")).toBeVisible();
  await expect(processors.getByRole("rowheader", { name: `Cloud Host ${stamp}` })).not.toContainText("To complete");
  await expect(processors.getByText("To complete", { exact: true })).toHaveCount(2);

  // A transfer outside the EEA must name its safeguard.
  await page.getByRole("link", { name: "New processor" }).click();
  await page.getByLabel("Name").fill(`Mail Relay ${stamp}`);
  await page.getByLabel("Service").fill("mailing");
  await page.getByLabel("Categories of data").fill("identity, contact details");
  await page.getByLabel("Where the data is processed").fill("United States");
  await page.getByLabel("Data leaves the EEA").check();
  await page.getByRole("button", { name: "Add processor" }).click();
  await expect(page.getByText("Choose the safeguard of the transfer outside the EEA.")).toBeVisible();
  await page.getByLabel("Transfer safeguard").selectOption("scc");
  await page.getByRole("button", { name: "Add processor" }).click();
  await expect(page.getByText("Processor added.")).toBeVisible();
  await page.goto("/privacy/register");
  await expect(page.getByRole("table", { name: "Transfers outside the EEA" })).toContainText(`Mail Relay ${stamp}`);
  await expect(page.getByRole("table", { name: "Transfers outside the EEA" })).toContainText("Outside the EEA: Standard contractual clauses");
  await signOut(page);

  // Marc (French) lists an address by hand; it can no longer be used for a contact, and it is not shown anywhere.
  const email = `ne.plus.jamais.${stamp}@example.test`;
  await signIn(page, "marc.manager@example.com");
  await page.goto("/privacy/suppression");
  await page.getByLabel("Adresse e-mail").fill(email.toUpperCase());
  await page.getByRole("button", { name: "Ajouter à la liste" }).click();
  await expect(page.getByText("L'adresse a été ajoutée à la liste d'exclusion.")).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Ajoutée manuellement");
  await expect(page.locator("body")).not.toContainText(email);
  await page.goto("/contacts/new");
  await page.getByLabel("Prénom").fill("Jamais");
  await page.getByLabel("Nom", { exact: true }).fill(`Plus ${stamp}`);
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByRole("checkbox", { name: /^Prospection/ }).check();
  await page.getByRole("button", { name: "Créer le contact" }).click();
  await expect(page.getByText(/Cette adresse figure sur la liste d'exclusion/)).toBeVisible();
});
