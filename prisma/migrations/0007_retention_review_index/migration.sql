-- Hand-written (Prisma cannot express a partial index).
-- Contacts left without an open processing record are found from the few ended records,
-- instead of probing every contact (manager home page, at a million contacts).
CREATE INDEX "ProcessingRecord_ended_contactId_idx" ON "ProcessingRecord"("contactId") WHERE "endedAt" IS NOT NULL;
-- Art. 14 notices not yet sent: the overdue count reads only these, not every past due date.
CREATE INDEX "Contact_noticeDueAt_unsent_idx" ON "Contact"("noticeDueAt") WHERE "noticeSentAt" IS NULL AND "erasedAt" IS NULL;
