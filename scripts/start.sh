#!/usr/bin/env bash
# The start command: installs dependencies, obtains Temporal, builds, and starts everything on the embedded
# defaults (Temporal dev server, embedded PostgreSQL, migrations, demo data, API and worker).
# Set DATABASE_URL and/or TEMPORAL_ADDRESS to use external servers instead; `--topology=production` starts
# Debian's PostgreSQL and the Temporal server built with Go instead of the embedded engines.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install.sh
if cli="$(bash scripts/temporal.sh)"; then export TEMPORAL_CLI="$cli"; fi
npm run --silent build
if [[ " $* " == *" --topology=production "* ]]; then bash scripts/system-deps.sh --postgres; bash scripts/temporal-server.sh >/dev/null; fi
exec node dist/src/dev/start-all.js "$@"
