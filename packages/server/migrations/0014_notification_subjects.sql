-- Notifications move into the platform (issue 9 §3): a generic subject instead of the events foreign key, and an
-- outbox of deliveries to the adapters outside the app.
CREATE TABLE "notification_outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notification_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"notification_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"message" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_event_id_events_id_fk";
--> statement-breakpoint
DROP INDEX "notifications_escalation_once_idx";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "subject_type" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "subject_id" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "label" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "town_id" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "once" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Existing rows are about events: subject = the event, label = its number as eventNo() writes it (SJ, the China day
-- of reporting, the sequence zero-padded to at least six digits), town = the event's. The escalation notices
-- (yellow, red) were once per event and kind: they keep that.
UPDATE "notifications" n
   SET "subject_type" = 'event',
       "subject_id" = e."id"::text,
       "label" = 'SJ' || to_char((e."reported_at" AT TIME ZONE 'UTC') + interval '8 hours', 'YYYYMMDD')
                 || CASE WHEN length(e."seq"::text) >= 6 THEN e."seq"::text ELSE lpad(e."seq"::text, 6, '0') END,
       "town_id" = e."town_id",
       "once" = n."kind" IN ('yellow', 'red')
  FROM "events" e
 WHERE e."id" = n."event_id";--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_outbox_due_idx" ON "notification_outbox" USING btree ("due_at","id") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "notification_outbox_parked_idx" ON "notification_outbox" USING btree ("id") WHERE state = 'parked';--> statement-breakpoint
CREATE INDEX "notifications_subject_idx" ON "notifications" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_once_idx" ON "notifications" USING btree ("subject_type","subject_id","kind") WHERE once;--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "event_id";