-- Hand-written partial indexes (Prisma cannot express them), so privacy pages stay index-only at a
-- million contacts.
-- Contacts left without an open processing record are found from the few ended records,
-- instead of probing every contact (start page).
CREATE INDEX "ProcessingRecord_ended_contactId_idx" ON "ProcessingRecord"("contactId") WHERE "endedAt" IS NOT NULL;
-- The review queue filtered by purpose starts from that purpose's flagged records.
CREATE INDEX "ProcessingRecord_flagged_purposeId_idx" ON "ProcessingRecord"("purposeId", "contactId") WHERE "flaggedAt" IS NOT NULL;
-- The review queue filtered by owner, in queue order.
CREATE INDEX "Contact_flagged_ownerId_idx" ON "Contact"("ownerId", "retentionFlaggedAt", "id") WHERE "retentionFlaggedAt" IS NOT NULL;
-- Art. 14 notices not yet sent: the overdue count reads only these, not every past due date.
CREATE INDEX "Contact_noticeDueAt_unsent_idx" ON "Contact"("noticeDueAt") WHERE "noticeSentAt" IS NULL AND "erasedAt" IS NULL;
