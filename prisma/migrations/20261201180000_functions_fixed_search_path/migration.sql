-- The guard functions run with the caller's rights and named their tables without a schema:
-- a session could create TEMP tables called "Grant" or "Tranche" (temporary tables are found
-- before public) and make a guard read its own numbers. Fixed search path, pg_temp last.
-- scripts/lib/grants.ts's check reports any function of ours created without one.
DO $$
DECLARE f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND p.proname LIKE 'most\_%'
  LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = public, pg_temp', f);
  END LOOP;
END $$;
-- The closed stream of events chained before streams existed takes no new events.
CREATE FUNCTION most_legacy_stream_closed() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  RAISE EXCEPTION 'the legacy audit stream is closed' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER "AuditEvent_legacy_closed" BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW WHEN (NEW.stream = 'legacy') EXECUTE FUNCTION most_legacy_stream_closed();
