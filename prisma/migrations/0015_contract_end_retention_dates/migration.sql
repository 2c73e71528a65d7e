-- "5 years after the contract ends" had no date until something recorded the contract's end, and
-- nothing did: such records were kept without an end. From now on a running contract counts from its
-- latest sign of life (the record's start, the last interaction, the last invoice, the last training
-- day) and an ended record from its end (ADR 025; app/domain/purposes/retention.ts). This fills the
-- records that have no date yet, with the same calendar rule as the code: add the purpose's months to
-- the anchor day, and a day missing in the target month clamps to its last day (29 Feb + 1 year = 28 Feb).
-- The next retention sweep flags those already past their date for a person's review.
CREATE TEMP TABLE "ContractAnchor" AS
SELECT pr."id" AS "id",
  CASE WHEN pr."endedAt" IS NOT NULL THEN date(pr."endedAt") ELSE max(
    date(pr."since"),
    coalesce(date(c."lastInteractionAt"), ''),
    coalesce(date((SELECT i."issuedOn" FROM "Invoice" i WHERE i."contactId" = pr."contactId" ORDER BY i."issuedOn" DESC LIMIT 1)), ''),
    coalesce(date((SELECT s."date" FROM "TrainingSession" s WHERE s."trainingId" IN (SELECT r."trainingId" FROM "Registration" r WHERE r."contactId" = pr."contactId")
      ORDER BY s."date" DESC LIMIT 1)), '')
  ) END AS "day",
  p."retentionYears" * 12 + p."retentionMonths" AS "months"
FROM "ProcessingRecord" pr
JOIN "Purpose" p ON p."id" = pr."purposeId"
JOIN "Contact" c ON c."id" = pr."contactId"
WHERE p."retentionAnchor" = 'contractEnd' AND pr."retentionEndsAt" IS NULL AND c."erasedAt" IS NULL;

UPDATE "ProcessingRecord" SET "retentionEndsAt" = (
  SELECT date(
      date(a."day", 'start of month', '+' || a."months" || ' months'),
      '+' || (min(
        CAST(strftime('%d', a."day") AS INTEGER),
        CAST(strftime('%d', date(a."day", 'start of month', '+' || a."months" || ' months'), '+1 month', '-1 day') AS INTEGER)
      ) - 1) || ' days'
    ) || 'T00:00:00.000+00:00'
  FROM "ContractAnchor" a WHERE a."id" = "ProcessingRecord"."id")
WHERE "id" IN (SELECT "id" FROM "ContractAnchor");

DROP TABLE "ContractAnchor";
