import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { createContactInUi } from "./commerce-fixtures";
import { signIn } from "./fixtures";

test("a training is created, three contacts register, attendance is marked and certificates issued", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await signIn(page, "sven.sales@example.com");
  const people = ["Anke", "Bram", "Chloe"].map((firstName) => ({ firstName, lastName: `Trainee${stamp}` }));
  for (const p of people) await createContactInUi(page, p);

  await page.goto("/trainings");
  await page.getByRole("link", { name: "New training" }).click();
  await page.getByLabel("Title").fill(`GDPR for sales ${stamp}`);
  await page.getByLabel("Trainer").fill("Greet Maes");
  await page.getByLabel("Capacity (seats)").fill("3");
  await page.getByLabel("Date").fill("2027-03-15");
  await page.getByLabel("Place").fill("Gent");
  await page.getByRole("button", { name: "Create training" }).click();
  await expect(page.getByText("The training was created.")).toBeVisible();
  await expect(page.getByRole("heading", { name: `GDPR for sales ${stamp}` })).toBeVisible();

  for (const p of people) {
    await page.getByLabel("Search a contact by name").fill(`Trainee${stamp}`);
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("button", { name: `Register ${p.firstName} ${p.lastName}` }).click();
    await expect(page.getByText("The contact is registered.")).toBeVisible();
  }
  await expect(page.getByText("3 of 3 seats taken")).toBeVisible();

  await page.getByRole("link", { name: /^Mark attendance/ }).click();
  await page.getByRole("radio", { name: `Attended: Anke Trainee${stamp}` }).check();
  await page.getByRole("radio", { name: `Attended: Bram Trainee${stamp}` }).check();
  await page.getByRole("radio", { name: `No-show: Chloe Trainee${stamp}` }).check();
  await page.getByRole("button", { name: "Save attendance" }).click();
  await expect(page.getByText("Attendance saved for 3 participant(s).")).toBeVisible();

  await expect(page.getByText("2 participant(s) attended every session and have no certificate yet.")).toBeVisible();
  await page.getByRole("button", { name: "Issue certificates" }).click();
  await expect(page.getByText("2 certificate(s) issued.")).toBeVisible();
  const seated = page.getByRole("table", { name: "Registered" });
  await expect(seated.getByRole("row", { name: new RegExp(`Anke Trainee${stamp}`) })).toContainText("certificate");
  await expect(seated.getByRole("row", { name: new RegExp(`Chloe Trainee${stamp}`) })).toContainText("No-show");
  await expect(seated.getByRole("row", { name: new RegExp(`Chloe Trainee${stamp}`) })).not.toContainText("certificate");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Attendance (CSV)" }).click();
  const csv = fs.readFileSync((await (await download).path())!, "utf8");
  expect(csv.startsWith("\uFEFF")).toBe(true);
  expect(csv).toContain(`Trainee${stamp};Anke;`);
  expect(csv.split("\r\n").filter(Boolean)).toHaveLength(4);
});
