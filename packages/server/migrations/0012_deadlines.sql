CREATE TABLE "deadlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"town_id" text,
	"kind" text NOT NULL,
	"rule_id" text NOT NULL,
	"clock_type" text NOT NULL,
	"period" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"warn_at" timestamp with time zone,
	"level" text DEFAULT 'none' NOT NULL,
	"paused_at" timestamp with time zone,
	"paused_ms" bigint DEFAULT 0 NOT NULL,
	"extended_by" integer DEFAULT 0 NOT NULL,
	"met_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "deadlines_subject_idx" ON "deadlines" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deadlines_open_kind_idx" ON "deadlines" USING btree ("subject_type","subject_id","kind") WHERE met_at IS NULL AND stopped_at IS NULL;--> statement-breakpoint
CREATE INDEX "deadlines_warn_idx" ON "deadlines" USING btree ("warn_at") WHERE met_at IS NULL AND stopped_at IS NULL AND paused_at IS NULL AND level = 'none';--> statement-breakpoint
CREATE INDEX "deadlines_due_idx" ON "deadlines" USING btree ("due_at") WHERE met_at IS NULL AND stopped_at IS NULL AND paused_at IS NULL AND level <> 'red';--> statement-breakpoint
-- The event SLA moves onto the platform's deadlines: every running event with a deadline gets its clock (kind
-- 'dispatch', rule EVT-SLA), with the period of its category's SLA, the due and warning times and the level it has
-- reached. From here on the escalation job claims from `deadlines`.
INSERT INTO "deadlines" ("subject_type", "subject_id", "town_id", "kind", "rule_id", "clock_type", "period",
                         "started_at", "due_at", "warn_at", "level", "updated_at")
SELECT 'event', e.id::text, e.town_id, 'dispatch', 'EVT-SLA',
       coalesce(c.data->'sla'->e.urgency->>'unit', 'hours'), coalesce((c.data->'sla'->e.urgency->>'n')::int, 0),
       coalesce(e.dispatched_at, e.reported_at), e.deadline, e.warn_at, e.escalation, now()
  FROM events e LEFT JOIN event_categories c ON c.code = e.category
 WHERE e.status IN ('dispatched','accepted','returned','rectifying') AND e.deadline IS NOT NULL;
