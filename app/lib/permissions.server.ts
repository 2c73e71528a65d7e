import { roleAtLeast, type Actor, type Role } from "~/domain/staff/roles";

/** Thrown by domain operations when the actor may not do something: a 403 at the HTTP edge, an error in the CLI. */
export function forbidden(): never {
  throw new Response(JSON.stringify({ message: "Forbidden" }), {
    status: 403,
    headers: { "Content-Type": "application/json" },
  });
}

export function assertRole(actor: Actor, role: Role): void {
  if (!roleAtLeast(actor.role, role)) forbidden();
}
