import fs from "node:fs";
import path from "node:path";
import { hash, verify } from "@node-rs/argon2";

// OWASP / ASVS 11.4.2: argon2id with m=19456 KiB, t=2, p=1.
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash of a random password, verified against when the e-mail is unknown so that the answer
// takes as long as for a real account.
let dummyHash: Promise<string> | null = null;
export function verifyAgainstDummy(password: string): Promise<boolean> {
  dummyHash ??= hashPassword("dummy-password-never-valid-" + Math.random());
  return dummyHash.then((h) => verifyPassword(h, password));
}

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  if (!common) {
    // Read from the source tree: the app always runs from the repository root.
    const file = path.resolve("app/domain/staff/common-passwords.txt");
    common = new Set(
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line && !line.startsWith("#")),
    );
  }
  return common;
}

/** True when the password is a common one, or a common one with digits or symbols added at the end. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return true;
  const stripped = lower.replace(/[\d\W_]+$/u, "");
  return stripped.length >= 8 && list.has(stripped);
}
