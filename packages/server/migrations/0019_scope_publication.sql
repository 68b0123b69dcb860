ALTER TABLE "events" ADD COLUMN "public_id" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "domain" text;--> statement-breakpoint
CREATE UNIQUE INDEX "events_public_id_key" ON "events" USING btree ("public_id") WHERE public_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "events_public_reported_idx" ON "events" USING btree ("reported_at","seq") WHERE public_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "events_domain_seq_idx" ON "events" USING btree ("domain","seq") WHERE domain IS NOT NULL;--> statement-breakpoint
-- Events already stored: the domain of their matter (a county agency's data scope) …
UPDATE "events" e SET "domain" = m."domain" FROM "matters" m WHERE m."id" = e."matter_id" AND e."domain" IS NULL;--> statement-breakpoint
-- … and a random public id for the reports that came in through Open311 (published by default): 'R' and 12
-- characters of Crockford's base32 from a random UUID's bytes, as publicIdFrom writes them.
UPDATE "events" e SET "public_id" = 'R' || (
  SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', get_byte(r.b, i) % 32 + 1, 1), '' ORDER BY i)
    FROM (SELECT uuid_send(gen_random_uuid()) AS b WHERE e."id" IS NOT NULL) r, generate_series(0, 11) AS i)
 WHERE e."source" = 'open311' AND e."public_id" IS NULL;
