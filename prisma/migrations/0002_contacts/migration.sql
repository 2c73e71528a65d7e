-- CreateTable
CREATE TABLE "Purpose" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameNl" TEXT NOT NULL,
    "nameFr" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "laterBasis" TEXT,
    "retentionAnchor" TEXT NOT NULL,
    "retentionYears" INTEGER NOT NULL DEFAULT 0,
    "retentionMonths" INTEGER NOT NULL DEFAULT 0,
    "marketing" BOOLEAN NOT NULL DEFAULT false,
    "categories" TEXT NOT NULL DEFAULT '[]',
    "recipients" TEXT NOT NULL DEFAULT '[]',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "sortName" TEXT NOT NULL,
    "vatNumber" TEXT,
    "phone" TEXT,
    "street" TEXT,
    "postalCode" TEXT,
    "city" TEXT,
    "country" TEXT,
    "website" TEXT,
    "tags" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TradeFair" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "organiser" TEXT NOT NULL,
    "startsOn" DATETIME,
    "endsOn" DATETIME,
    "place" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tradeFairId" INTEGER,
    "staffId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
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

-- CreateTable
CREATE TABLE "Contact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "sortName" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "mobile" TEXT,
    "jobTitle" TEXT,
    "street" TEXT,
    "postalCode" TEXT,
    "city" TEXT,
    "country" TEXT,
    "language" TEXT,
    "stage" TEXT NOT NULL DEFAULT 'lead',
    "ownerId" INTEGER,
    "organisationId" INTEGER,
    "sourceKind" TEXT NOT NULL,
    "sourceDetail" TEXT,
    "obtainedAt" DATETIME NOT NULL,
    "tradeFairId" INTEGER,
    "importBatchId" INTEGER,
    "restricted" BOOLEAN NOT NULL DEFAULT false,
    "restrictionReason" TEXT,
    "restrictedAt" DATETIME,
    "lastInteractionAt" DATETIME,
    "retentionFlaggedAt" DATETIME,
    "noticeDueAt" DATETIME,
    "noticeSentAt" DATETIME,
    "noticeChannel" TEXT,
    "erasedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Contact_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Staff" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Contact_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Contact_tradeFairId_fkey" FOREIGN KEY ("tradeFairId") REFERENCES "TradeFair" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Contact_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContactTag" (
    "contactId" INTEGER NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("contactId", "tag"),
    CONSTRAINT "ContactTag_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcessingRecord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contactId" INTEGER NOT NULL,
    "purposeId" INTEGER NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "sourceKind" TEXT NOT NULL,
    "since" DATETIME NOT NULL,
    "evidence" TEXT,
    "retentionEndsAt" DATETIME,
    "flaggedAt" DATETIME,
    "extendedUntil" DATETIME,
    "extensionReason" TEXT,
    "legalHoldReason" TEXT,
    "legalHoldAt" DATETIME,
    "endedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProcessingRecord_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT "ProcessingRecord_purposeId_fkey" FOREIGN KEY ("purposeId") REFERENCES "Purpose" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Interaction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contactId" INTEGER NOT NULL,
    "staffId" INTEGER,
    "kind" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Interaction_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Interaction_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Purpose_code_key" ON "Purpose"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_vatNumber_key" ON "Organisation"("vatNumber");

-- CreateIndex
CREATE INDEX "Organisation_sortName_id_idx" ON "Organisation"("sortName", "id");

-- CreateIndex
CREATE UNIQUE INDEX "TradeFair_name_key" ON "TradeFair"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_email_key" ON "Contact"("email");

-- CreateIndex
CREATE INDEX "Contact_sortName_id_idx" ON "Contact"("sortName", "id");

-- CreateIndex
CREATE INDEX "Contact_ownerId_stage_sortName_id_idx" ON "Contact"("ownerId", "stage", "sortName", "id");

-- CreateIndex
CREATE INDEX "Contact_stage_sortName_id_idx" ON "Contact"("stage", "sortName", "id");

-- CreateIndex
CREATE INDEX "Contact_organisationId_sortName_idx" ON "Contact"("organisationId", "sortName");

-- CreateIndex
CREATE INDEX "Contact_sourceKind_id_idx" ON "Contact"("sourceKind", "id");

-- CreateIndex
CREATE INDEX "Contact_tradeFairId_id_idx" ON "Contact"("tradeFairId", "id");

-- CreateIndex
CREATE INDEX "Contact_importBatchId_idx" ON "Contact"("importBatchId");

-- CreateIndex
CREATE INDEX "Contact_retentionFlaggedAt_id_idx" ON "Contact"("retentionFlaggedAt", "id");

-- CreateIndex
CREATE INDEX "Contact_restricted_id_idx" ON "Contact"("restricted", "id");

-- CreateIndex
CREATE INDEX "Contact_noticeDueAt_idx" ON "Contact"("noticeDueAt");

-- CreateIndex
CREATE INDEX "Contact_lastInteractionAt_id_idx" ON "Contact"("lastInteractionAt", "id");

-- CreateIndex
CREATE INDEX "Contact_firstName_lastName_organisationId_idx" ON "Contact"("firstName", "lastName", "organisationId");

-- CreateIndex
CREATE INDEX "ContactTag_tag_contactId_idx" ON "ContactTag"("tag", "contactId");

-- CreateIndex
CREATE INDEX "ProcessingRecord_purposeId_contactId_idx" ON "ProcessingRecord"("purposeId", "contactId");

-- CreateIndex
CREATE INDEX "ProcessingRecord_retentionEndsAt_idx" ON "ProcessingRecord"("retentionEndsAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProcessingRecord_contactId_purposeId_key" ON "ProcessingRecord"("contactId", "purposeId");

-- CreateIndex
CREATE INDEX "Interaction_contactId_occurredAt_idx" ON "Interaction"("contactId", "occurredAt");


-- A contact cannot exist without at least one processing record (why we may hold it).
-- The records are written first (their foreign key is deferred to commit), then the contact.
CREATE TRIGGER "Contact_needs_processing_record" AFTER INSERT ON "Contact"
WHEN NOT EXISTS (SELECT 1 FROM "ProcessingRecord" WHERE "contactId" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'a contact needs at least one processing record'); END;

CREATE TRIGGER "ProcessingRecord_keep_last" BEFORE DELETE ON "ProcessingRecord"
WHEN EXISTS (SELECT 1 FROM "Contact" WHERE "id" = OLD."contactId" AND "erasedAt" IS NULL)
 AND (SELECT COUNT(*) FROM "ProcessingRecord" WHERE "contactId" = OLD."contactId") <= 1
BEGIN SELECT RAISE(ABORT, 'a contact needs at least one processing record'); END;

-- Full-text search over name, e-mail and organisation (prefix queries use the prefix indexes).
-- Contentless: the text lives in Contact; rowid = Contact.id.
CREATE VIRTUAL TABLE "ContactSearch" USING fts5(
  name, email, organisation,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

CREATE TRIGGER "Contact_search_insert" AFTER INSERT ON "Contact" BEGIN
  INSERT INTO "ContactSearch" (rowid, name, email, organisation) VALUES (
    NEW."id", NEW."firstName" || ' ' || NEW."lastName", COALESCE(NEW."email", ''),
    COALESCE((SELECT "name" FROM "Organisation" WHERE "id" = NEW."organisationId"), ''));
END;

CREATE TRIGGER "Contact_search_update" AFTER UPDATE OF "firstName", "lastName", "email", "organisationId" ON "Contact" BEGIN
  DELETE FROM "ContactSearch" WHERE rowid = OLD."id";
  INSERT INTO "ContactSearch" (rowid, name, email, organisation) VALUES (
    NEW."id", NEW."firstName" || ' ' || NEW."lastName", COALESCE(NEW."email", ''),
    COALESCE((SELECT "name" FROM "Organisation" WHERE "id" = NEW."organisationId"), ''));
END;

CREATE TRIGGER "Contact_search_delete" AFTER DELETE ON "Contact" BEGIN
  DELETE FROM "ContactSearch" WHERE rowid = OLD."id";
END;

CREATE TRIGGER "Organisation_search_rename" AFTER UPDATE OF "name" ON "Organisation" BEGIN
  DELETE FROM "ContactSearch" WHERE rowid IN (SELECT "id" FROM "Contact" WHERE "organisationId" = NEW."id");
  INSERT INTO "ContactSearch" (rowid, name, email, organisation)
    SELECT "id", "firstName" || ' ' || "lastName", COALESCE("email", ''), NEW."name" FROM "Contact" WHERE "organisationId" = NEW."id";
END;
