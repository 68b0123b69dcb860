-- The big screen (大屏) over a million events: its 30-day aggregates and the map read only these covering indexes
-- (index-only scans), never the events' heap pages. drizzle-kit cannot express INCLUDE, hence custom SQL;
-- events.schema.ts names both indexes in a comment.
-- Reports in a time range (by town, channel, category, hour) and the map's newest-first points with every column it
-- returns or filters on; (reported_at, seq) is the map's order.
CREATE INDEX "events_reported_cover_idx" ON "events" USING btree ("reported_at","seq") INCLUDE ("town_id","source","category","status","escalation","deadline","warn_at","lng","lat","id");--> statement-breakpoint
-- Closed events in a time range, by town and day, with the on-time flag.
CREATE INDEX "events_closed_cover_idx" ON "events" USING btree ("closed_at") INCLUDE ("town_id","on_time") WHERE "status" = 'closed';--> statement-breakpoint
-- An index-only scan skips the heap only for pages the visibility map marks all-visible, which (auto)vacuum sets.
-- The default thresholds (20 % of the table changed) would leave the recent weeks — the rows the big screen reads,
-- and the ones being updated — unmarked for days on a big table; 2 % vacuums a million-event table about daily.
-- (PGlite has no autovacuum; its databases are small.)
ALTER TABLE "events" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
