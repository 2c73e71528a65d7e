import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

/** Settings read from the environment, with safe defaults for a single-machine installation. */
export const config = {
  dataDir: process.env.DATA_DIR ?? path.resolve("data"),
  databaseUrl: process.env.DATABASE_URL ?? "file:./data/crm.db",
  lockoutThreshold: intFromEnv("LOCKOUT_THRESHOLD", 5),
  lockoutMinutes: intFromEnv("LOCKOUT_MINUTES", 15),
  loginRateLimitPerMinute: intFromEnv("LOGIN_RATE_LIMIT_PER_MINUTE", 20),
  sessionIdleHours: intFromEnv("SESSION_IDLE_HOURS", 12),
  sessionAbsoluteDays: intFromEnv("SESSION_ABSOLUTE_DAYS", 30),
  smtpUrl: process.env.SMTP_URL || null,
  mailFrom: process.env.MAIL_FROM ?? "CRM <crm@localhost>",
  publicUrl: process.env.PUBLIC_URL ?? null,
  trustProxy: process.env.TRUST_PROXY === "1",
  /** An uploaded lead file whose import is not started within this many hours is deleted (it holds third parties' data). */
  uploadExpiryHours: intFromEnv("UPLOAD_EXPIRY_HOURS", 24),
};

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number.parseInt(raw, 10);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The SQLite file path behind DATABASE_URL ("file:./x.db" is relative to the working directory). */
export function databaseFile(url = config.databaseUrl): string {
  return path.resolve(url.replace(/^file:/, ""));
}

let cachedSecrets: Record<string, string> | null = null;

/**
 * A secret from the environment, or else one generated once into DATA_DIR/secrets.json (mode 0600),
 * so a fresh installation is safe without any configuration and keeps its keys across restarts.
 */
export function secret(name: "FLASH_SECRET" | "SUPPRESSION_KEY" | "TOTP_KEY"): string {
  const fromEnv = process.env[name];
  if (fromEnv) return fromEnv;
  if (!cachedSecrets) {
    const file = path.join(config.dataDir, "secrets.json");
    fs.mkdirSync(config.dataDir, { recursive: true });
    cachedSecrets = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  }
  const secrets = cachedSecrets!;
  if (!secrets[name]) {
    secrets[name] = crypto.randomBytes(32).toString("base64url");
    const file = path.join(config.dataDir, "secrets.json");
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets[name];
}
