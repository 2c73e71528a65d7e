/** Staff roles, from least to most privileged: each role can do everything the ones before it can. */
export const ROLES = ["sales", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ["en", "nl", "fr"] as const;
export type Language = (typeof LANGUAGES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is at least `required` (admin ⊇ manager ⊇ sales). */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** The acting staff member, as every domain operation receives it. */
export type Actor = { id: number; role: Role; ip: string | null };
