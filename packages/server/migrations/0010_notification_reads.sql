-- Read state per reader (issue 4 leftover): a notification addressed to a team or a role has many readers.
CREATE TABLE "notification_reads" (
	"notification_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_reads_notification_id_user_id_pk" PRIMARY KEY("notification_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_role_idx" ON "notifications" USING btree ("role","id");--> statement-breakpoint
-- A notification read before this migration was read by its addressee when addressed to one user; for a team or a
-- role nobody knows who read it, so it becomes unread for all (rather than read for all, the defect being fixed).
INSERT INTO "notification_reads" ("notification_id", "user_id", "read_at")
  SELECT "id", "user_id", "read_at" FROM "notifications" WHERE "read_at" IS NOT NULL AND "user_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "read_at";