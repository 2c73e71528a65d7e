import Database from "better-sqlite3";
import { hashPassword } from "~/domain/staff/password.server";
const db = new Database("/tmp/ui/ui.db");
const hash = await hashPassword("Ui-Check-Password-42");
db.prepare(`UPDATE "Staff" SET passwordHash = ?, role = 'manager', language = 'en' WHERE email = 's1@x'`).run(hash);
db.prepare(`UPDATE "Staff" SET passwordHash = ?, role = 'sales', language = 'nl' WHERE email = 's2@x'`).run(hash);
db.prepare(`UPDATE "Contact" SET restricted = 1 WHERE id IN (SELECT id FROM "Contact" ORDER BY sortName LIMIT 2)`).run();
db.prepare(`UPDATE "Contact" SET retentionFlaggedAt = '2026-06-01T00:00:00.000+00:00' WHERE id IN (SELECT id FROM "Contact" ORDER BY sortName LIMIT 3 OFFSET 2)`).run();
console.log(db.prepare(`SELECT id, email, role FROM "Staff"`).all());
