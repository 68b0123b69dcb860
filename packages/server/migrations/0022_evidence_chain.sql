CREATE TABLE "file_custody" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "file_custody_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"file_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"purpose" text,
	"agency_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "file_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"file_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"revokes" uuid,
	"transfer" boolean DEFAULT false NOT NULL,
	"purpose" text NOT NULL,
	"by" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "accuracy" double precision;--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "client_capture" jsonb;--> statement-breakpoint
ALTER TABLE "file_custody" ADD CONSTRAINT "file_custody_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_grants" ADD CONSTRAINT "file_grants_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_grants" ADD CONSTRAINT "file_grants_revokes_file_grants_id_fk" FOREIGN KEY ("revokes") REFERENCES "public"."file_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "file_custody_file_idx" ON "file_custody" USING btree ("file_id","id");--> statement-breakpoint
CREATE INDEX "file_grants_file_idx" ON "file_grants" USING btree ("file_id","agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "file_grants_revokes_key" ON "file_grants" USING btree ("revokes");--> statement-breakpoint
-- Evidence is never overwritten (issue 11 §6): a file row, its chain of custody and its grants are append-only. A
-- file's facts (hash, type, capture) are what was received; a correction is another upload. A revocation is a row.
CREATE FUNCTION files_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: evidence is never overwritten (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER files_append_only BEFORE UPDATE OR DELETE ON files FOR EACH ROW EXECUTE FUNCTION files_refuse_change();--> statement-breakpoint
CREATE TRIGGER file_custody_append_only BEFORE UPDATE OR DELETE ON file_custody FOR EACH ROW EXECUTE FUNCTION files_refuse_change();--> statement-breakpoint
CREATE TRIGGER file_grants_append_only BEFORE UPDATE OR DELETE ON file_grants FOR EACH ROW EXECUTE FUNCTION files_refuse_change();--> statement-breakpoint
CREATE TRIGGER files_no_truncate BEFORE TRUNCATE ON files FOR EACH STATEMENT EXECUTE FUNCTION files_refuse_change();--> statement-breakpoint
CREATE TRIGGER file_custody_no_truncate BEFORE TRUNCATE ON file_custody FOR EACH STATEMENT EXECUTE FUNCTION files_refuse_change();--> statement-breakpoint
CREATE TRIGGER file_grants_no_truncate BEFORE TRUNCATE ON file_grants FOR EACH STATEMENT EXECUTE FUNCTION files_refuse_change();--> statement-breakpoint
REVOKE UPDATE, DELETE ON files, file_custody, file_grants FROM openenforce_app;--> statement-breakpoint
-- The chain of custody of files received before it existed starts with their receipt.
INSERT INTO file_custody (file_id, action, actor_id, at) SELECT id, 'upload', uploaded_by, uploaded_at FROM files;
