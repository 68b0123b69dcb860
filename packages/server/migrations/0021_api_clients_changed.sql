-- A change to a machine client (revoked, deactivated, deleted, key replaced) tells every server process to forget
-- the client's key from its cache (platform/auth/api-key-cache.ts), whoever made the change.
CREATE OR REPLACE FUNCTION api_clients_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('api_clients_changed', coalesce(OLD.key_hash, ''));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER api_clients_changed AFTER UPDATE OR DELETE ON api_clients
  FOR EACH ROW EXECUTE FUNCTION api_clients_changed();
