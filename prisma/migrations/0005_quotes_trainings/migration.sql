-- CreateTable
CREATE TABLE "Quote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "contactId" INTEGER,
    "organisationId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "quoteDate" DATETIME NOT NULL,
    "validUntil" DATETIME NOT NULL,
    "notes" TEXT,
    "netCents" INTEGER NOT NULL DEFAULT 0,
    "vatCents" INTEGER NOT NULL DEFAULT 0,
    "totalCents" INTEGER NOT NULL DEFAULT 0,
    "createdById" INTEGER,
    "duplicatedFromId" INTEGER,
    "sentAt" DATETIME,
    "decidedAt" DATETIME,
    "decidedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Quote_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Quote_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuoteLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "quoteId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "quantityMilli" INTEGER NOT NULL,
    "unitPriceCents" INTEGER NOT NULL,
    "vatRate" INTEGER NOT NULL,
    "discountBasisPoints" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "QuoteLine_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "quoteId" INTEGER,
    "creditOfId" INTEGER,
    "contactId" INTEGER,
    "organisationId" INTEGER,
    "language" TEXT NOT NULL,
    "issuedOn" DATETIME NOT NULL,
    "dueOn" DATETIME NOT NULL,
    "paymentTermsDays" INTEGER NOT NULL,
    "paidOn" DATETIME,
    "customerName" TEXT NOT NULL,
    "customerCompany" TEXT,
    "customerVat" TEXT,
    "customerAddress" TEXT,
    "seller" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "byRate" TEXT NOT NULL,
    "netCents" INTEGER NOT NULL,
    "vatCents" INTEGER NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "issuedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Invoice_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Invoice_creditOfId_fkey" FOREIGN KEY ("creditOfId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Invoice_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Invoice_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DocumentSequence" (
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "next" INTEGER NOT NULL,

    PRIMARY KEY ("kind", "year")
);

-- CreateTable
CREATE TABLE "Training" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "trainer" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "trainingId" INTEGER NOT NULL,
    "date" DATETIME NOT NULL,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,
    "place" TEXT,
    "online" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "TrainingSession_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Registration" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "trainingId" INTEGER NOT NULL,
    "contactId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "waitlistPosition" INTEGER,
    "registeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" DATETIME,
    "certificateIssuedOn" DATETIME,
    "registeredById" INTEGER,
    CONSTRAINT "Registration_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Registration_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" INTEGER NOT NULL,
    "registrationId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "markedById" INTEGER,
    "markedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attendance_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Quote_number_key" ON "Quote"("number");

-- CreateIndex
CREATE INDEX "Quote_contactId_idx" ON "Quote"("contactId");

-- CreateIndex
CREATE INDEX "Quote_organisationId_idx" ON "Quote"("organisationId");

-- CreateIndex
CREATE INDEX "Quote_status_validUntil_idx" ON "Quote"("status", "validUntil");

-- CreateIndex
CREATE UNIQUE INDEX "Quote_year_seq_key" ON "Quote"("year", "seq");

-- CreateIndex
CREATE INDEX "QuoteLine_quoteId_position_idx" ON "QuoteLine"("quoteId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_creditOfId_key" ON "Invoice"("creditOfId");

-- CreateIndex
CREATE INDEX "Invoice_quoteId_idx" ON "Invoice"("quoteId");

-- CreateIndex
CREATE INDEX "Invoice_contactId_idx" ON "Invoice"("contactId");

-- CreateIndex
CREATE INDEX "Invoice_organisationId_idx" ON "Invoice"("organisationId");

-- CreateIndex
CREATE INDEX "Invoice_kind_paidOn_dueOn_idx" ON "Invoice"("kind", "paidOn", "dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_kind_year_seq_key" ON "Invoice"("kind", "year", "seq");

-- CreateIndex
CREATE INDEX "TrainingSession_trainingId_date_idx" ON "TrainingSession"("trainingId", "date");

-- CreateIndex
CREATE INDEX "Registration_contactId_idx" ON "Registration"("contactId");

-- CreateIndex
CREATE INDEX "Registration_trainingId_status_waitlistPosition_idx" ON "Registration"("trainingId", "status", "waitlistPosition");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_trainingId_contactId_key" ON "Registration"("trainingId", "contactId");

-- CreateIndex
CREATE INDEX "Attendance_registrationId_idx" ON "Attendance"("registrationId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_sessionId_registrationId_key" ON "Attendance"("sessionId", "registrationId");


-- Hand-written: an issued invoice or credit note is a legal record (Royal Decree no. 1 on VAT).
-- What was issued never changes; only its links (contact, organisation, quote: set to NULL when
-- those are removed) and the payment date do. A correction is a credit note.
CREATE TRIGGER "Invoice_immutable" BEFORE UPDATE ON "Invoice"
WHEN OLD."kind" IS NOT NEW."kind" OR OLD."number" IS NOT NEW."number" OR OLD."year" IS NOT NEW."year"
  OR OLD."seq" IS NOT NEW."seq" OR OLD."creditOfId" IS NOT NEW."creditOfId" OR OLD."language" IS NOT NEW."language"
  OR OLD."issuedOn" IS NOT NEW."issuedOn" OR OLD."dueOn" IS NOT NEW."dueOn" OR OLD."paymentTermsDays" IS NOT NEW."paymentTermsDays"
  OR OLD."customerName" IS NOT NEW."customerName" OR OLD."customerCompany" IS NOT NEW."customerCompany"
  OR OLD."customerVat" IS NOT NEW."customerVat" OR OLD."customerAddress" IS NOT NEW."customerAddress"
  OR OLD."seller" IS NOT NEW."seller" OR OLD."lines" IS NOT NEW."lines" OR OLD."byRate" IS NOT NEW."byRate"
  OR OLD."netCents" IS NOT NEW."netCents" OR OLD."vatCents" IS NOT NEW."vatCents" OR OLD."totalCents" IS NOT NEW."totalCents"
  OR OLD."issuedById" IS NOT NEW."issuedById" OR OLD."createdAt" IS NOT NEW."createdAt"
BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be changed; issue a credit note'); END;

CREATE TRIGGER "Invoice_no_delete" BEFORE DELETE ON "Invoice"
BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be deleted; issue a credit note'); END;

-- A number, once given, is never given back: the sequence only moves forward.
CREATE TRIGGER "DocumentSequence_forward_only" BEFORE UPDATE ON "DocumentSequence"
WHEN NEW."next" <= OLD."next" OR NEW."kind" IS NOT OLD."kind" OR NEW."year" IS NOT OLD."year"
BEGIN SELECT RAISE(ABORT, 'document numbers only move forward'); END;

CREATE TRIGGER "DocumentSequence_no_delete" BEFORE DELETE ON "DocumentSequence"
BEGIN SELECT RAISE(ABORT, 'document numbers only move forward'); END;
