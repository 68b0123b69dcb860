DROP INDEX "people_town_name_idx";--> statement-breakpoint
CREATE INDEX "certificates_town_number_idx" ON "certificates" USING btree ("town_id","number");--> statement-breakpoint
CREATE INDEX "people_town_employee_no_idx" ON "people" USING btree ("town_id","employee_no");