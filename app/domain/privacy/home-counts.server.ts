import { roleAtLeast, type Actor } from "~/domain/staff/roles";
import { preparedStatement } from "~/lib/db.server";
import { isoDb, startOfUtcDay } from "./db-dates";

/**
 * The counts on the start page. Each walks one index and stops at COUNT_CAP + 1 rows, so the page
 * stays fast at a million contacts ("10,000+" is all a person needs to know).
 */

export const COUNT_CAP = 10_000;
const DAY_MS = 86_400_000;

const capped = (inner: string) => `SELECT count(*) AS n FROM (${inner} LIMIT ${COUNT_CAP + 1})`;

const SQL = {
  // Erasure removes a contact's flags, so every flag is a live contact's.
  flagged: capped(`SELECT 1 FROM "ContactRetentionFlag"`),
  // On its due day a request is still due, not overdue (as on the requests page).
  dsrOverdue: capped(`SELECT 1 FROM "DataSubjectRequest" WHERE "status" = 'open' AND "dueAt" < @today`),
  dsrDueThisWeek: capped(`SELECT 1 FROM "DataSubjectRequest" WHERE "status" = 'open' AND "dueAt" >= @today AND "dueAt" < @weekEnd`),
  // On its due day a notice is still due, not overdue (art14.ts noticeState). The partial index holds unsent notices only.
  noticesOverdue: capped(`SELECT 1 FROM "Contact" INDEXED BY "Contact_noticeDueAt_unsent_idx"
    WHERE "noticeDueAt" < @today AND "noticeSentAt" IS NULL AND "erasedAt" IS NULL`),
  withdrawnThisMonth: capped(`SELECT 1 FROM "ConsentEvent" WHERE "kind" = 'withdrawn' AND "at" >= @monthStart`),
  // Only contacts with an ended record can lack an open one: start from the partial index of ended records.
  withoutOpenRecord: capped(`SELECT DISTINCT pr."contactId" FROM "ProcessingRecord" pr INDEXED BY "ProcessingRecord_ended_contactId_idx"
    WHERE pr."endedAt" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "ProcessingRecord" o WHERE o."contactId" = pr."contactId" AND o."endedAt" IS NULL)
      AND EXISTS (SELECT 1 FROM "Contact" c WHERE c.id = pr."contactId" AND c."erasedAt" IS NULL)`),
  ownContacts: capped(`SELECT 1 FROM "Contact" WHERE "ownerId" = @ownerId AND "erasedAt" IS NULL`),
};

function count(key: keyof typeof SQL, params: Record<string, string | number> = {}): number {
  return (preparedStatement(SQL[key]).get(params) as { n: number }).n;
}

export type PrivacyCounts = {
  flagged: number;
  dsrOverdue: number;
  dsrDueThisWeek: number;
  noticesOverdue: number;
  withdrawnThisMonth: number;
  withoutOpenRecord: number;
};

export type HomeSummary = { ownContacts: number; privacy: PrivacyCounts | null };

/** Managers and admins see the privacy work waiting; everyone sees their own contacts. */
export function homeSummary(actor: Actor, now = new Date()): HomeSummary {
  const ownContacts = count("ownContacts", { ownerId: actor.id });
  if (!roleAtLeast(actor.role, "manager")) return { ownContacts, privacy: null };
  const today = startOfUtcDay(now);
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return {
    ownContacts,
    privacy: {
      flagged: count("flagged"),
      dsrOverdue: count("dsrOverdue", { today: isoDb(today) }),
      dsrDueThisWeek: count("dsrDueThisWeek", { today: isoDb(today), weekEnd: isoDb(new Date(today.getTime() + 7 * DAY_MS)) }),
      noticesOverdue: count("noticesOverdue", { today: isoDb(today) }),
      withdrawnThisMonth: count("withdrawnThisMonth", { monthStart: isoDb(monthStart) }),
      withoutOpenRecord: count("withoutOpenRecord"),
    },
  };
}
