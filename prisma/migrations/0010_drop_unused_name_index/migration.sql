-- No query reads Contact by (firstName, lastName, organisationId): duplicates and the importer's
-- "same name in the same organisation" use (organisationId, sortName). At a million contacts every
-- created contact paid for this index with a random leaf page (about a tenth of an import's time).
DROP INDEX IF EXISTS "Contact_firstName_lastName_organisationId_idx";
