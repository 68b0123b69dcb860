-- Catalog history is never overwritten (SPEC §1): versions of matters and of the published lists are append-only.
-- A change is a new row; the database refuses to update or delete an old one.
CREATE OR REPLACE FUNCTION catalog_history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: a change is a new version (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER matter_versions_append_only BEFORE UPDATE OR DELETE ON matter_versions FOR EACH ROW EXECUTE FUNCTION catalog_history_refuse_change();--> statement-breakpoint
CREATE TRIGGER matter_lists_append_only BEFORE UPDATE OR DELETE ON matter_lists FOR EACH ROW EXECUTE FUNCTION catalog_history_refuse_change();
