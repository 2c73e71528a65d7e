-- Hand-written partial index (Prisma cannot express it), so the list of entries on legal hold reads
-- only the held records — a few, set by a manager for a dispute or an audit — and never walks every
-- processing record at a million contacts. Grouped by contact, with the columns the page filters on.
CREATE INDEX "ProcessingRecord_held_contactId_idx" ON "ProcessingRecord"("contactId", "legalHoldAt", "purposeId") WHERE "legalHoldReason" IS NOT NULL AND "endedAt" IS NULL;
