-- The event timeline is a record (SPEC §3 "every step records who, when, where and why"): append-only.
CREATE TRIGGER event_steps_append_only BEFORE UPDATE OR DELETE ON event_steps FOR EACH ROW EXECUTE FUNCTION catalog_history_refuse_change();
