ALTER TABLE "users" ADD COLUMN "must_change_password" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_login_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "login_failures_username_at_idx" ON "login_failures" USING btree ("username","at");--> statement-breakpoint
CREATE INDEX "login_failures_at_idx" ON "login_failures" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_person_id_unique" ON "users" USING btree ("person_id") WHERE "users"."person_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_attempts";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_must_change_password_check" CHECK ("users"."must_change_password" IN ('temporary', 'demo'));--> statement-breakpoint
-- Accounts seeded before this migration that never changed their password carry the published demo password: mark
-- them, so that outside demo mode (DEMO_MODE=false) they must change it at the next login.
UPDATE "users" SET "must_change_password" = 'demo' WHERE "password_changed_at" = "created_at";
