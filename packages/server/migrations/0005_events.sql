CREATE TABLE "api_clients" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"key_hash" text,
	"hmac_secret" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_clients_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "event_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid,
	"step_id" bigint,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_steps" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" uuid NOT NULL,
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
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"external_id" text,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"urgency" text NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"address" text,
	"town_id" text,
	"village_id" text,
	"grid_id" text,
	"status" text NOT NULL,
	"escalation" text DEFAULT 'none' NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"reporter_user_id" uuid,
	"reporter_name" text,
	"reporter_phone" text,
	"citizen_token_hash" text,
	"suggested_master_id" uuid,
	"master_id" uuid,
	"matter_id" uuid,
	"proposal" jsonb,
	"team_id" uuid,
	"assisting_team_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"subject_name" text,
	"triaged_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"deadline" timestamp with time zone,
	"warn_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"handled_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"outcome_detail" jsonb,
	"case_handle" text,
	"rectify_due" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"return_count" integer DEFAULT 0 NOT NULL,
	"urge_count" integer DEFAULT 0 NOT NULL,
	"rating" smallint,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"on_time" boolean,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_seq_unique" UNIQUE("seq"),
	CONSTRAINT "events_citizen_token_hash_unique" UNIQUE("citizen_token_hash"),
	CONSTRAINT "events_case_handle_unique" UNIQUE("case_handle"),
	CONSTRAINT "events_source_external_id_key" UNIQUE("source","external_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" uuid,
	"user_id" uuid,
	"team_id" uuid,
	"role" text,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"title" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "event_photos" ADD CONSTRAINT "event_photos_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_steps" ADD CONSTRAINT "event_steps_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_photos_event_idx" ON "event_photos" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_steps_event_idx" ON "event_steps" USING btree ("event_id","id");--> statement-breakpoint
CREATE INDEX "event_steps_shirk_idx" ON "event_steps" USING btree ("team_id","at") WHERE action = 'arbitrate' AND (detail->>'justified') = 'false';--> statement-breakpoint
CREATE INDEX "events_reported_at_idx" ON "events" USING btree ("reported_at");--> statement-breakpoint
CREATE INDEX "events_town_reported_idx" ON "events" USING btree ("town_id","reported_at");--> statement-breakpoint
CREATE INDEX "events_closed_at_idx" ON "events" USING btree ("closed_at");--> statement-breakpoint
CREATE INDEX "events_team_status_idx" ON "events" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "events_master_idx" ON "events" USING btree ("master_id");--> statement-breakpoint
CREATE INDEX "events_status_idx" ON "events" USING btree ("status","reported_at") WHERE status IN ('reported','triaged','dispatched','accepted','returned','rectifying','handled');--> statement-breakpoint
CREATE INDEX "events_open_category_lat_idx" ON "events" USING btree ("category","lat") WHERE status IN ('reported','triaged','dispatched','accepted','returned','rectifying','handled');--> statement-breakpoint
CREATE INDEX "events_warn_idx" ON "events" USING btree ("warn_at") WHERE status IN ('dispatched','accepted','returned','rectifying') AND escalation = 'none';--> statement-breakpoint
CREATE INDEX "events_deadline_idx" ON "events" USING btree ("deadline") WHERE status IN ('dispatched','accepted','returned','rectifying') AND escalation <> 'red';--> statement-breakpoint
CREATE INDEX "events_low_rating_idx" ON "events" USING btree ("rated_at") WHERE rating <= 2;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notifications_team_idx" ON "notifications" USING btree ("team_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_escalation_once_idx" ON "notifications" USING btree ("event_id","kind") WHERE kind IN ('yellow', 'red');