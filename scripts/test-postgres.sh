#!/usr/bin/env bash
# Runs a command with a PostgreSQL server for the triage store's tests:
#   scripts/test-postgres.sh npm run test:unit
# When TEST_DATABASE_URL is already set, the command runs against that server as it is. Otherwise, when
# PostgreSQL's binaries are installed (/usr/lib/postgresql/*/bin, Debian's package `postgresql`), a
# throw-away cluster is made in a temporary folder on a free local port, with an owner role (allowed to
# create the tests' databases) and the application's role huntboard_app, and removed when the command ends.
# It exports TEST_DATABASE_URL (huntboard_app) and TEST_DATABASE_MIGRATION_URL (the owner). Without
# binaries the command runs without them: the PostgreSQL suites skip, or fail when CI=true.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 <command> [arguments…]" >&2
  exit 2
fi

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  exec "$@"
fi

bin_dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bin_dir" || ! -x "$bin_dir/initdb" ]]; then
  echo "test-postgres: no PostgreSQL binaries in /usr/lib/postgresql/*/bin; running without a test server" >&2
  exec "$@"
fi

# initdb and postgres refuse to run as root: as root, the cluster belongs to the postgres OS user.
run_as=()
if [[ $(id -u) -eq 0 ]]; then
  if id postgres >/dev/null 2>&1; then
    run_as=(runuser -u postgres --)
  else
    echo "test-postgres: running as root and there is no postgres user to own the cluster" >&2
    exit 1
  fi
fi

cluster=$(mktemp -d "${TMPDIR:-/tmp}/huntboard-pg.XXXXXX")
[[ ${#run_as[@]} -gt 0 ]] && chown postgres: "$cluster"
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

stop_cluster() {
  "${run_as[@]}" "$bin_dir/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap stop_cluster EXIT

# Only this machine can connect (127.0.0.1 and a socket in the cluster folder), so no passwords are needed;
# roles still decide what each connection may do.
"${run_as[@]}" "$bin_dir/initdb" -D "$cluster/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 ||
  { cat "$cluster/initdb.log" >&2; exit 1; }
"${run_as[@]}" "$bin_dir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
  -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null ||
  { cat "$cluster/server.log" >&2; exit 1; }

"$bin_dir/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres <<'SQL'
CREATE ROLE huntboard_owner LOGIN CREATEDB;
CREATE ROLE huntboard_app LOGIN;
CREATE DATABASE huntboard_test OWNER huntboard_owner;
SQL

export TEST_DATABASE_URL="postgres://huntboard_app@127.0.0.1:$port/huntboard_test"
export TEST_DATABASE_MIGRATION_URL="postgres://huntboard_owner@127.0.0.1:$port/huntboard_test"
echo "test-postgres: PostgreSQL $("$bin_dir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
echo "  TEST_DATABASE_URL=$TEST_DATABASE_URL"
echo "  TEST_DATABASE_MIGRATION_URL=$TEST_DATABASE_MIGRATION_URL"

"$@"
