-- Retention flags move out of the Contact and ProcessingRecord rows into two narrow tables
-- (ADR 021). Setting a flag used to rewrite the whole row: the first sweep of a database holding
-- a million contacts, a third of them past retention, rewrote most pages of both tables (600 MB
-- through the WAL, 7.6 s). A flag is now one small row, added or removed.

-- CreateTable
CREATE TABLE "RetentionFlag" (
    "recordId" INTEGER NOT NULL PRIMARY KEY,
    "contactId" INTEGER NOT NULL,
    "purposeId" INTEGER NOT NULL,
    "flaggedAt" DATETIME NOT NULL,
    CONSTRAINT "RetentionFlag_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "ProcessingRecord" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContactRetentionFlag" (
    "contactId" INTEGER NOT NULL PRIMARY KEY,
    "ownerId" INTEGER,
    "flaggedAt" DATETIME NOT NULL,
    CONSTRAINT "ContactRetentionFlag_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RetentionFlag_purposeId_contactId_idx" ON "RetentionFlag"("purposeId", "contactId");
CREATE INDEX "RetentionFlag_contactId_idx" ON "RetentionFlag"("contactId");
CREATE INDEX "ContactRetentionFlag_flaggedAt_contactId_idx" ON "ContactRetentionFlag"("flaggedAt", "contactId");
CREATE INDEX "ContactRetentionFlag_ownerId_flaggedAt_contactId_idx" ON "ContactRetentionFlag"("ownerId", "flaggedAt", "contactId");

-- The queue filtered by owner reads the flags alone: the contact's owner is kept beside its flag.
CREATE TRIGGER "Contact_owner_to_retention_flag" AFTER UPDATE OF "ownerId" ON "Contact" BEGIN
  UPDATE "ContactRetentionFlag" SET "ownerId" = NEW."ownerId" WHERE "contactId" = NEW."id";
END;

-- The flags already set
INSERT INTO "RetentionFlag" ("recordId", "contactId", "purposeId", "flaggedAt")
  SELECT "id", "contactId", "purposeId", "flaggedAt" FROM "ProcessingRecord" WHERE "flaggedAt" IS NOT NULL;
INSERT INTO "ContactRetentionFlag" ("contactId", "ownerId", "flaggedAt")
  SELECT "id", "ownerId", "retentionFlaggedAt" FROM "Contact" WHERE "retentionFlaggedAt" IS NOT NULL;

-- DropIndex (IF EXISTS: databases made while migration 0007 was being written lack two of them)
DROP INDEX IF EXISTS "Contact_retentionFlaggedAt_id_idx";
DROP INDEX IF EXISTS "Contact_flagged_ownerId_idx";
DROP INDEX IF EXISTS "ProcessingRecord_flagged_purposeId_idx";

-- AlterTable
ALTER TABLE "Contact" DROP COLUMN "retentionFlaggedAt";
ALTER TABLE "ProcessingRecord" DROP COLUMN "flaggedAt";
