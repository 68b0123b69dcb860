CREATE TABLE "case_agency_settings" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"abbreviation" text NOT NULL,
	"number_pattern" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_files" (
	"case_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"step_id" bigint,
	"kind" text NOT NULL,
	CONSTRAINT "case_files_pkey" PRIMARY KEY("case_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "case_steps" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"actor_name" text,
	"team_id" uuid,
	"lng" double precision,
	"lat" double precision,
	"client_ip" text,
	"reason" text,
	"detail" jsonb,
	"client_step_id" text
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"agency_id" uuid NOT NULL,
	"subject_name" text,
	"team_id" uuid,
	"town_id" text,
	"domain" text,
	"procedure" text,
	"status" text NOT NULL,
	"matter_id" uuid,
	"matter_code" text,
	"matter_name" text,
	"matter_version" integer,
	"jurisdiction" jsonb NOT NULL,
	"applicable" jsonb,
	"act_date" text NOT NULL,
	"act_place" text,
	"lng" double precision,
	"lat" double precision,
	"party_kind" text,
	"party_name" text,
	"party_id_number" text,
	"party_address" text,
	"fine_proposed_fen" bigint,
	"fine_notified_fen" bigint,
	"fine_decided_fen" bigint,
	"source" text NOT NULL,
	"source_event_id" uuid,
	"source_ref" text,
	"summary" text NOT NULL,
	"facts" jsonb NOT NULL,
	"flagged_clocks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"investigator_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "case_id" uuid;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_steps" ADD CONSTRAINT "case_steps_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_files_file_key" ON "case_files" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "case_steps_case_idx" ON "case_steps" USING btree ("case_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_steps_client_step_key" ON "case_steps" USING btree ("case_id","client_step_id") WHERE client_step_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_key" ON "cases" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_agency_year_seq_key" ON "cases" USING btree ("agency_id","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_source_event_key" ON "cases" USING btree ("source_event_id") WHERE source_event_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_opened_idx" ON "cases" USING btree ("opened_at","id");--> statement-breakpoint
CREATE INDEX "cases_town_opened_idx" ON "cases" USING btree ("town_id","opened_at");--> statement-breakpoint
CREATE INDEX "cases_team_status_idx" ON "cases" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "cases_status_opened_idx" ON "cases" USING btree ("status","opened_at");--> statement-breakpoint
CREATE INDEX "cases_matter_idx" ON "cases" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "cases_domain_idx" ON "cases" USING btree ("domain") WHERE domain IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_investigators_idx" ON "cases" USING gin ("investigator_ids");--> statement-breakpoint
CREATE INDEX "cases_party_trgm_idx" ON "cases" USING gin ("party_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cases_summary_trgm_idx" ON "cases" USING gin ("summary" gin_trgm_ops);--> statement-breakpoint
-- The case's timeline is append-only, like every steps table (platform/workflow/steps-table.ts).
CREATE TRIGGER case_steps_append_only BEFORE UPDATE OR DELETE ON case_steps FOR EACH ROW EXECUTE FUNCTION catalog_history_refuse_change();
