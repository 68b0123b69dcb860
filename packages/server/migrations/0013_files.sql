-- Platform files (one row per upload, bytes content-addressed in the store) and the event centre's links to them.
-- Existing event photos keep their ids (so /api/events/photos/:id keeps working) and their storage keys (the bytes
-- stay where they are: DATA_DIR/evidence/ab/<sha256>.<ext>, which is the local store's directory).
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" bigint NOT NULL,
	"storage_key" text NOT NULL,
	"purpose" text,
	"original_name" text,
	"captured_at" timestamp with time zone,
	"lng" double precision,
	"lat" double precision,
	"device" text,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_files" (
	"event_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"step_id" bigint,
	"kind" text NOT NULL,
	CONSTRAINT "event_files_pkey" PRIMARY KEY("event_id","file_id")
);
--> statement-breakpoint
INSERT INTO "files" ("id", "sha256", "mime", "bytes", "storage_key", "purpose", "original_name", "uploaded_by", "uploaded_at")
SELECT "id", "sha256", "mime", "bytes", "storage_key", "kind", "file_name", "uploaded_by", "uploaded_at" FROM "event_photos";
--> statement-breakpoint
INSERT INTO "event_files" ("event_id", "file_id", "step_id", "kind")
SELECT "event_id", "id", "step_id", "kind" FROM "event_photos" WHERE "event_id" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "event_files" ADD CONSTRAINT "event_files_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_files" ADD CONSTRAINT "event_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_files_file_key" ON "event_files" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "files_sha256_idx" ON "files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "files_uploaded_by_idx" ON "files" USING btree ("uploaded_by","uploaded_at");--> statement-breakpoint
DROP TABLE "event_photos" CASCADE;
--> statement-breakpoint
-- The old shape, read-only, for SQL readers of event_photos (reports, checks): an event's photos and the photo
-- uploads not attached yet. Hand-written: the Drizzle schema does not declare it; a later change to a column it
-- reads must drop and re-create it.
CREATE VIEW "event_photos" AS
SELECT f."id", l."event_id", l."step_id", COALESCE(l."kind", f."purpose") AS "kind", f."mime", f."bytes", f."sha256",
       f."storage_key", f."original_name" AS "file_name", f."uploaded_by", f."uploaded_at"
  FROM "files" f
  LEFT JOIN "event_files" l ON l."file_id" = f."id"
 WHERE l."event_id" IS NOT NULL OR f."purpose" IN ('report', 'before', 'after');
