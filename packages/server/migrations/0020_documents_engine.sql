CREATE TABLE "document_files" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"pdf_base64" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_templates" (
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"body" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_templates_kind_version_pk" PRIMARY KEY("kind","version"),
	CONSTRAINT "document_templates_version" CHECK ("document_templates"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"kind" text NOT NULL,
	"template_version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"issuer_id" text NOT NULL,
	"issuer_name" text NOT NULL,
	"number_prefix" text NOT NULL,
	"state" text NOT NULL,
	"number" text,
	"sha256" text,
	"verification_code" text,
	"size_bytes" integer,
	"issued_at" timestamp with time zone,
	"issued_by" uuid,
	"supersedes" uuid,
	"superseded_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "documents_issued_complete" CHECK ("documents"."state" = 'draft' OR ("documents"."number" IS NOT NULL AND "documents"."sha256" IS NOT NULL AND "documents"."verification_code" IS NOT NULL AND "documents"."issued_at" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_subject" ON "documents" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_verification_code" ON "documents" USING btree ("verification_code");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_number" ON "documents" USING btree ("issuer_id","number");--> statement-breakpoint
-- Template versions are append-only: a change is a new version.
CREATE FUNCTION document_templates_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'document_templates is append-only' USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER document_templates_append_only BEFORE UPDATE OR DELETE ON document_templates
  FOR EACH ROW EXECUTE FUNCTION document_templates_append_only();
--> statement-breakpoint
-- An issued document is never edited: only its state may move on (served) and a reissue may name its successor.
CREATE FUNCTION documents_issued_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
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
    OR (OLD.superseded_by IS NOT NULL AND NEW.superseded_by IS DISTINCT FROM OLD.superseded_by)
  ) THEN
    RAISE EXCEPTION 'an issued document cannot be edited' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER documents_issued_frozen BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_issued_frozen();
--> statement-breakpoint
CREATE FUNCTION document_files_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'document_files is append-only' USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER document_files_append_only BEFORE UPDATE OR DELETE ON document_files
  FOR EACH ROW EXECUTE FUNCTION document_files_append_only();
