-- The importer adds its new contacts to the search index itself, one INSERT … SELECT per write
-- transaction (ADR 022): at a million contacts, one FTS5 insert per contact from this trigger cost
-- ~30 µs more per row than the same rows added together. Only the importer inserts a contact with
-- an importBatchId (app/domain/imports/import-write.server.ts); every other insert is indexed here
-- as before.
DROP TRIGGER "Contact_search_insert";
CREATE TRIGGER "Contact_search_insert" AFTER INSERT ON "Contact" WHEN NEW."importBatchId" IS NULL BEGIN
  INSERT INTO "ContactSearch" (rowid, name, email, organisation) VALUES (
    NEW."id", NEW."firstName" || ' ' || NEW."lastName", COALESCE(NEW."email", ''),
    COALESCE((SELECT "name" FROM "Organisation" WHERE "id" = NEW."organisationId"), ''));
END;
