import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

test("staff see their own language and can switch it from the profile", async ({ page }) => {
  await signIn(page, "sara.sales@example.com");
  // Sara's language is Dutch.
  await expect(page.getByRole("heading", { name: "Start" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Profiel" })).toBeVisible();

  await page.getByRole("link", { name: "Profiel" }).click();
  await expect(page.getByRole("heading", { name: "Uw profiel" })).toBeVisible();
  await page.getByLabel("Taal").selectOption("fr");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Votre profil a été enregistré.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Votre profil" })).toBeVisible();
  await page.getByRole("link", { name: "Accueil" }).click();
  await expect(page.getByText("Bienvenue, Sara Peeters.")).toBeVisible();
});

test.describe("signed out, the browser's language is used", () => {
  test.use({ locale: "fr-BE" });
  test("the sign-in page speaks French", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Se connecter" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  });
});
