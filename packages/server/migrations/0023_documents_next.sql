CREATE TABLE "job_progress" (
	"job_id" bigint PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"requested_by" uuid,
	"state" text DEFAULT 'queued' NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"results" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "file_id" uuid;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "served_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "served_by" uuid;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "service" jsonb;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_served_complete" CHECK ("documents"."state" <> 'served' OR ("documents"."served_at" IS NOT NULL AND "documents"."service" IS NOT NULL));--> statement-breakpoint
-- An issued document stays as issued: its stored file is fixed, it may be served once (the record then fixed, never
-- back to issued), and a reissue may name its successor once.
CREATE OR REPLACE FUNCTION documents_issued_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.state <> 'draft' THEN
      RAISE EXCEPTION 'an issued document cannot be deleted' USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.state <> 'draft' AND (
    NEW.data IS DISTINCT FROM OLD.data OR NEW.number IS DISTINCT FROM OLD.number OR NEW.sha256 IS DISTINCT FROM OLD.sha256
    OR NEW.verification_code IS DISTINCT FROM OLD.verification_code OR NEW.issued_at IS DISTINCT FROM OLD.issued_at
    OR NEW.template_version IS DISTINCT FROM OLD.template_version OR NEW.kind IS DISTINCT FROM OLD.kind
    OR NEW.issuer_id IS DISTINCT FROM OLD.issuer_id OR NEW.state = 'draft'
    OR NEW.file_id IS DISTINCT FROM OLD.file_id
    OR (OLD.state = 'served' AND (NEW.state <> 'served' OR NEW.service IS DISTINCT FROM OLD.service
      OR NEW.served_at IS DISTINCT FROM OLD.served_at OR NEW.served_by IS DISTINCT FROM OLD.served_by))
    OR (OLD.superseded_by IS NOT NULL AND NEW.superseded_by IS DISTINCT FROM OLD.superseded_by)
  ) THEN
    RAISE EXCEPTION 'an issued document cannot be edited' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
