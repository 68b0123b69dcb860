CREATE TABLE "matter_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"announcement" text NOT NULL,
	"matter_ids" uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	CONSTRAINT "matter_lists_kind_version_uq" UNIQUE("kind","version")
);
--> statement-breakpoint
CREATE TABLE "matter_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"announcement" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	CONSTRAINT "matter_versions_matter_version_uq" UNIQUE("matter_id","version")
);
--> statement-breakpoint
CREATE TABLE "matters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"domain" text NOT NULL,
	"list_type" text NOT NULL,
	"source_department" text NOT NULL,
	"law_names" text NOT NULL,
	"search_text" text NOT NULL,
	"published" boolean NOT NULL,
	"withdrawn" boolean NOT NULL,
	"first_violation_waiver" boolean NOT NULL,
	"light_violation_commitment" boolean NOT NULL,
	"high_frequency" boolean NOT NULL,
	"effective_from" date NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matters_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "matter_versions" ADD CONSTRAINT "matter_versions_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "matter_versions_asof_idx" ON "matter_versions" USING btree ("matter_id","effective_from");--> statement-breakpoint
CREATE INDEX "matters_search_trgm_idx" ON "matters" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "matters_domain_name_idx" ON "matters" USING btree ("domain","name");--> statement-breakpoint
CREATE INDEX "matters_list_type_idx" ON "matters" USING btree ("list_type");