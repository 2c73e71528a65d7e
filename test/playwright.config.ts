import { defineConfig } from "@playwright/test";

const PORT = 3100;
export const E2E_DATA_DIR = "test-results/e2e-data";
export const E2E_MAIL_DIR = "test-results/e2e-mail";
export const E2E_SMTP_PORT = 2526;
export const E2E_ADMIN_PASSWORD = "first-admin-one-time-pass";
export const E2E_DEMO_PASSWORD = "demo-staff-password-e2e";
export const E2E_SERVER_LOG = "test-results/e2e-server.log";

// e2e runs the production build (npm test builds it first) against a fresh database, in Debian's Chromium.
export default defineConfig({
  testDir: "./e2e",
  outputDir: "../test-results/e2e-output",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu", "--no-first-run", "--disable-sync"],
    },
    locale: "en-GB",
  },
  webServer: {
    // Everything the server prints goes to a file that zz-logs.spec.ts checks for personal data.
    command: `rm -rf ${E2E_DATA_DIR} && mkdir -p test-results && npx tsx scripts/start.ts > ${E2E_SERVER_LOG} 2>&1`,
    cwd: "..",
    url: `http://127.0.0.1:${PORT}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      DATA_DIR: E2E_DATA_DIR,
      DATABASE_URL: `file:./${E2E_DATA_DIR}/crm.db`,
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      ADMIN_INITIAL_PASSWORD: E2E_ADMIN_PASSWORD,
      SEED_DEMO: "1",
      // The journeys create the records they need; demo contacts would only add noise.
      SEED_DEMO_CONTACTS: "0",
      DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      LOGIN_RATE_LIMIT_PER_MINUTE: "1000",
      REQUEST_LOG: "1",
    },
  },
});
