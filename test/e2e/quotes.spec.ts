import { expect, test } from "@playwright/test";
import { createContactInUi } from "./commerce-fixtures";
import { signIn, signOut } from "./fixtures";

// 2 × €1,250 less 10 % at 21 % VAT, and 3 × €19.99 at 6 % VAT, rounded per line:
// net 2,250.00 + 59.97 = 2,309.97; VAT 472.50 + 3.60 = 476.10; total 2,786.07.
const fr = (euros: number) => new Intl.NumberFormat("fr-BE", { style: "currency", currency: "EUR" }).format(euros);

test("a quote with two VAT rates is sent, accepted, invoiced and printed with the right totals", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await signIn(page, "sven.sales@example.com");
  const contactId = await createContactInUi(page, { firstName: "Camille", lastName: `Devis${stamp}`, organisation: `Quote Test ${stamp} SRL`, language: "fr" });

  // From the contact page to a new quote for that contact.
  await page.getByRole("link", { name: "New quote" }).click();
  await expect(page).toHaveURL(`/quotes/new?contactId=${contactId}`);
  await page.getByLabel("Description (line 1)").fill("Training day");
  await page.getByLabel("Quantity (line 1)").fill("2");
  await page.getByRole("textbox", { name: /^Unit price .*\(line 1\)$/ }).fill("1250");
  await page.getByLabel("Discount % (line 1)").fill("10");
  await page.getByRole("button", { name: "Add line" }).click();
  // The new line's description has the focus: keep typing.
  await expect(page.getByLabel("Description (line 2)")).toBeFocused();
  await page.keyboard.type("Course book");
  await page.getByLabel("Quantity (line 2)").fill("3");
  await page.getByRole("textbox", { name: /^Unit price .*\(line 2\)$/ }).fill("19,99");
  await page.getByRole("combobox", { name: "VAT rate (line 2)" }).selectOption("6");
  await expect(page.getByTestId("grand-total")).toHaveText("€2,786.07");
  await page.getByRole("button", { name: "Create quote" }).click();

  await expect(page.getByText("The quote was created.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Quote Q\d{4}-\d{4}$/ })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  const quoteUrl = page.url();
  await page.getByRole("button", { name: "Mark as sent" }).click();
  await expect(page.getByText("The quote is marked as sent.")).toBeVisible();
  await page.getByRole("button", { name: "Accepted by the customer" }).click();
  await expect(page.getByText("The acceptance was recorded.")).toBeVisible();
  await expect(page.getByText("Accepted", { exact: true })).toBeVisible();
  // Sales cannot issue invoices.
  await expect(page.getByRole("button", { name: "Issue the invoice" })).toHaveCount(0);
  await signOut(page);

  await signIn(page, "ada.admin@example.com");
  await page.goto(quoteUrl);
  await page.getByRole("button", { name: "Issue the invoice" }).click();
  await expect(page.getByRole("heading", { name: /^Invoice \d{4}\/\d{4}$/ })).toBeVisible();
  const number = (await page.getByRole("heading", { name: /^Invoice / }).textContent())!.replace("Invoice ", "");

  await page.getByRole("link", { name: "Print view" }).click();
  await expect(page).toHaveURL(/\/invoices\/\d+\/print$/);
  // The sheet speaks the contact's language (French) and shows the VAT breakdown and totals.
  await expect(page.getByRole("heading", { name: "Facture" })).toBeVisible();
  await expect(page.getByTestId("document-number")).toHaveText(number);
  await expect(page.getByText(`Quote Test ${stamp} SRL`)).toBeVisible();
  await expect(page.getByTestId("vat-row-21")).toContainText(fr(2250));
  await expect(page.getByTestId("vat-row-21")).toContainText(fr(472.5));
  await expect(page.getByTestId("vat-row-6")).toContainText(fr(59.97));
  await expect(page.getByTestId("vat-row-6")).toContainText(fr(3.6));
  await expect(page.getByTestId("document-total")).toHaveText(fr(2786.07));
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();

  // The contact page lists the quote and the invoice.
  await page.goto(`/contacts/${contactId}`);
  await expect(page.getByRole("link", { name: number })).toBeVisible();
});
