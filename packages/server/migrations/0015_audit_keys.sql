CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_head_one_row" CHECK ("audit_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "audit_subject_keys" (
	"subject" text PRIMARY KEY NOT NULL,
	"wrapped_key" text NOT NULL,
	"master_key_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "key_id" text;--> statement-breakpoint
-- Hand-written below (issue 13 §1.1–1.2): the head that never goes back, and the roles.
-- The head starts where the log ends today.
INSERT INTO audit_head (id, seq, hash)
SELECT 1, coalesce(max(seq), 0),
       coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000')
  FROM audit_log;--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.seq > OLD.seq THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_head only moves forward (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();--> statement-breakpoint
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();--> statement-breakpoint
-- The server's privileges, given to a group role: a deployment runs the server as a login role that is a member of
-- it and owns nothing (DATABASE_URL), and migrations as the owner (DATABASE_OWNER_URL). Without ownership the server
-- cannot ALTER TABLE … DISABLE TRIGGER, and without the privileges below it cannot UPDATE, DELETE or TRUNCATE the
-- append-only tables even if a trigger were gone. A DBA without CREATEROLE for the migrating role creates the group
-- role beforehand (docs/architecture.md).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openenforce_app') THEN
    CREATE ROLE openenforce_app NOLOGIN;
  END IF;
END;
$$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO openenforce_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO openenforce_app;--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO openenforce_app;--> statement-breakpoint
-- Tables of later migrations (run by the same owner role) get the same privileges.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO openenforce_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO openenforce_app;--> statement-breakpoint
REVOKE UPDATE, DELETE ON audit_log, event_steps, matter_versions, matter_lists FROM openenforce_app;--> statement-breakpoint
REVOKE DELETE ON audit_head FROM openenforce_app;--> statement-breakpoint
REVOKE UPDATE ON audit_subject_keys FROM openenforce_app;
