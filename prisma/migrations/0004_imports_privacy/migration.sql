-- CreateTable
CREATE TABLE "ImportRow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "batchId" INTEGER NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "contactId" INTEGER,
    "filled" TEXT,
    "conflicts" TEXT,
    "cells" TEXT,
    "resolvedAt" DATETIME,
    CONSTRAINT "ImportRow_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportMapping" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organiser" TEXT NOT NULL,
    "mapping" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SuppressionEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hash" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "staffId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ConsentEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contactId" INTEGER NOT NULL,
    "purposeId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "channel" TEXT NOT NULL,
    "wording" TEXT,
    "recordedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RetentionDecision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contactId" INTEGER NOT NULL,
    "processingRecordId" INTEGER,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "newDate" DATETIME,
    "staffId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DataSubjectRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "type" TEXT NOT NULL,
    "requesterName" TEXT NOT NULL,
    "requesterEmail" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "extendedAt" DATETIME,
    "extensionReason" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "identityMethod" TEXT,
    "identityNote" TEXT,
    "identityVerifiedAt" DATETIME,
    "identityVerifiedById" INTEGER,
    "closedAt" DATETIME,
    "outcome" TEXT,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DsrContact" (
    "requestId" INTEGER NOT NULL,
    "contactId" INTEGER NOT NULL,

    PRIMARY KEY ("requestId", "contactId"),
    CONSTRAINT "DsrContact_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DataSubjectRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Processor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "dataCategories" TEXT NOT NULL DEFAULT '[]',
    "dpaSignedOn" DATETIME,
    "location" TEXT NOT NULL,
    "outsideEea" BOOLEAN NOT NULL DEFAULT false,
    "safeguard" TEXT,
    "toComplete" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ImportBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tradeFairId" INTEGER,
    "staffId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "storedFile" TEXT,
    "organiser" TEXT,
    "mapping" TEXT,
    "optInWording" TEXT,
    "obtainedOn" DATETIME,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    "heartbeatAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'preview',
    "created" INTEGER NOT NULL DEFAULT 0,
    "merged" INTEGER NOT NULL DEFAULT 0,
    "duplicate" INTEGER NOT NULL DEFAULT 0,
    "suppressed" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "rowsTotal" INTEGER NOT NULL DEFAULT 0,
    "rowsDone" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ImportBatch_tradeFairId_fkey" FOREIGN KEY ("tradeFairId") REFERENCES "TradeFair" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ImportBatch" ("created", "createdAt", "duplicate", "fileName", "finishedAt", "id", "merged", "rejected", "rowsDone", "rowsTotal", "staffId", "startedAt", "status", "suppressed", "tradeFairId") SELECT "created", "createdAt", "duplicate", "fileName", "finishedAt", "id", "merged", "rejected", "rowsDone", "rowsTotal", "staffId", "startedAt", "status", "suppressed", "tradeFairId" FROM "ImportBatch";
DROP TABLE "ImportBatch";
ALTER TABLE "new_ImportBatch" RENAME TO "ImportBatch";
CREATE INDEX "ImportBatch_status_idx" ON "ImportBatch"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ImportRow_batchId_outcome_rowNumber_idx" ON "ImportRow"("batchId", "outcome", "rowNumber");

-- CreateIndex
CREATE INDEX "ImportRow_contactId_idx" ON "ImportRow"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "ImportMapping_organiser_key" ON "ImportMapping"("organiser");

-- CreateIndex
CREATE UNIQUE INDEX "SuppressionEntry_hash_key" ON "SuppressionEntry"("hash");

-- CreateIndex
CREATE INDEX "ConsentEvent_contactId_purposeId_at_idx" ON "ConsentEvent"("contactId", "purposeId", "at");

-- CreateIndex
CREATE INDEX "ConsentEvent_kind_at_idx" ON "ConsentEvent"("kind", "at");

-- CreateIndex
CREATE INDEX "RetentionDecision_contactId_idx" ON "RetentionDecision"("contactId");

-- CreateIndex
CREATE INDEX "RetentionDecision_at_idx" ON "RetentionDecision"("at");

-- CreateIndex
CREATE INDEX "DataSubjectRequest_status_dueAt_idx" ON "DataSubjectRequest"("status", "dueAt");

-- CreateIndex
CREATE INDEX "DsrContact_contactId_idx" ON "DsrContact"("contactId");


-- The consent history is proof (Art. 7(1)): append-only.
CREATE TRIGGER "ConsentEvent_no_update" BEFORE UPDATE ON "ConsentEvent"
BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
CREATE TRIGGER "ConsentEvent_no_delete" BEFORE DELETE ON "ConsentEvent"
BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;

-- Processors to complete (placeholders for the record of processing, Art. 30).
INSERT INTO "Processor" ("name", "service", "dataCategories", "location", "outsideEea", "toComplete", "createdAt", "updatedAt") VALUES
  ('Hosting provider (to complete)', 'hosting', '["identity","contact details","professional details","interaction history"]', 'EU', false, true, '2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00'),
  ('Mailing service (to complete)', 'mailing', '["identity","contact details"]', 'EU', false, true, '2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00'),
  ('Accounting software (to complete)', 'accounting', '["identity","billing"]', 'EU', false, true, '2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00');
