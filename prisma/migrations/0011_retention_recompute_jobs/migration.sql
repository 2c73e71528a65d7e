-- A changed retention rule is applied in the background, in short batches (ADR 019): one row per
-- rule change, with its progress and the keyset cursor a restarted server resumes from.
-- CreateTable
CREATE TABLE "RetentionRecomputeJob" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "purposeId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "fromAnchor" TEXT NOT NULL,
    "fromYears" INTEGER NOT NULL,
    "fromMonths" INTEGER NOT NULL,
    "toAnchor" TEXT NOT NULL,
    "toYears" INTEGER NOT NULL,
    "toMonths" INTEGER NOT NULL,
    "lastRecordId" INTEGER NOT NULL,
    "afterContactId" INTEGER NOT NULL DEFAULT 0,
    "recordsTotal" INTEGER,
    "recordsDone" INTEGER NOT NULL DEFAULT 0,
    "moved" INTEGER NOT NULL DEFAULT 0,
    "flagged" INTEGER NOT NULL DEFAULT 0,
    "cleared" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "heartbeatAt" DATETIME,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "RetentionRecomputeJob_purposeId_fkey" FOREIGN KEY ("purposeId") REFERENCES "Purpose" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RetentionRecomputeJob_purposeId_id_idx" ON "RetentionRecomputeJob"("purposeId", "id");

-- CreateIndex
CREATE INDEX "RetentionRecomputeJob_status_idx" ON "RetentionRecomputeJob"("status");

