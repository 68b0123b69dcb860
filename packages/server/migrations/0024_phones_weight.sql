ALTER TABLE "events" ADD COLUMN "location_unresolved" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "media_url" text;