-- Two-step sign-in (TOTP, RFC 6238) and recovery codes. Written by hand: see the brief of the
-- "two-step sign-in" issue (other models were mid-edit in schema.prisma).

-- AlterTable
ALTER TABLE "Staff" ADD COLUMN "totpSecret" TEXT;
ALTER TABLE "Staff" ADD COLUMN "totpEnabledAt" DATETIME;
ALTER TABLE "Staff" ADD COLUMN "totpLastStep" INTEGER;

-- AlterTable: sessions that exist before this migration stay valid.
ALTER TABLE "Session" ADD COLUMN "twoFactorVerified" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "staffId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "RecoveryCode_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RecoveryCode_staffId_codeHash_idx" ON "RecoveryCode"("staffId", "codeHash");
