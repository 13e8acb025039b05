#!/usr/bin/env bash
# Every check the project has: lint and format, types, unit tests, then the end-to-end suite in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run lint
npm run typecheck
# The triage store's tests also run against PostgreSQL: a throw-away server for the unit tests' duration.
bash scripts/test-postgres.sh npm run test:unit
npm run e2e
