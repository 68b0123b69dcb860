-- Every report pays for every index it enters (SPEC §3 intake; issue 4's intake target). Columns still null when an
-- event is reported — citizen token, case handle, external id, team, master, dispatch time — are indexed only once
-- they hold a value (a query for `col = x` implies `col IS NOT NULL`, so the planner still uses these). Dropped:
-- events_reported_at_idx (events_reported_cover_idx of 0008 leads with reported_at) and events_closed_at_idx (the
-- only query on closed_at reads events_closed_cover_idx). Unique constraints become unique partial indexes: ON
-- CONFLICT DO NOTHING and the constraint name in a 23505 error behave as before.
ALTER TABLE "events" DROP CONSTRAINT "events_citizen_token_hash_unique";--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_case_handle_unique";--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_source_external_id_key";--> statement-breakpoint
DROP INDEX "events_reported_at_idx";--> statement-breakpoint
DROP INDEX "events_closed_at_idx";--> statement-breakpoint
DROP INDEX "events_dispatched_at_idx";--> statement-breakpoint
DROP INDEX "events_team_status_idx";--> statement-breakpoint
DROP INDEX "events_master_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "events_source_external_id_key" ON "events" USING btree ("source","external_id") WHERE external_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "events_citizen_token_hash_key" ON "events" USING btree ("citizen_token_hash") WHERE citizen_token_hash IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "events_case_handle_key" ON "events" USING btree ("case_handle") WHERE case_handle IS NOT NULL;--> statement-breakpoint
CREATE INDEX "events_dispatched_at_idx" ON "events" USING btree ("dispatched_at") WHERE dispatched_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "events_team_status_idx" ON "events" USING btree ("team_id","status") WHERE team_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "events_master_idx" ON "events" USING btree ("master_id") WHERE master_id IS NOT NULL;