-- Hand-written indexes for the contact list at a million contacts (scripts/bench/contacts.ts).
-- A trade fair's contacts by last interaction, read in that order: no sorting of the fair's rows
-- (schema.prisma has the matching @@index).
CREATE INDEX "Contact_tradeFairId_lastInteractionAt_id_idx" ON "Contact"("tradeFairId", "lastInteractionAt", "id");
-- Erased contacts stay as anonymised rows that the list leaves out. Asking this index of the few
-- erased ids, instead of each candidate row, keeps counts and index walks index-only
-- (partial: Prisma cannot express it).
CREATE INDEX "Contact_erased_id_idx" ON "Contact"("id") WHERE "erasedAt" IS NOT NULL;
-- A name search sorts its matches (thousands for a common surname) by name: the sort keys of live
-- contacts come from this narrow index instead of the rows (partial: Prisma cannot express it).
CREATE INDEX "Contact_live_id_sortName_idx" ON "Contact"("id", "sortName") WHERE "erasedAt" IS NULL;
