-- The audit log is append-only. A trigger refuses UPDATE, DELETE and TRUNCATE for every role, the table's
-- owner included (works in PGlite too). Where the application connects as its own role, huntboard_app, that
-- role gets only what the application needs: it can read and append audit rows, nothing more.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM PUBLIC;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'huntboard_app') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO huntboard_app', current_schema());
    GRANT SELECT, INSERT, UPDATE ON "verdicts" TO huntboard_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON "custom_exclusions" TO huntboard_app;
    GRANT SELECT, INSERT ON "audit_log", "run_snapshots", "snapshot_devices" TO huntboard_app;
    GRANT USAGE ON SEQUENCE "audit_log_id_seq", "run_snapshots_id_seq" TO huntboard_app;
  END IF;
END
$$;
