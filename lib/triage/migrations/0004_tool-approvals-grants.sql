-- The application's role, where one exists, may read, add, change and revoke (delete) tool approvals; the
-- audit log it already may only read and append to (0001).
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'huntboard_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON "tool_approvals" TO huntboard_app;
  END IF;
END
$$;
