#!/usr/bin/env bash
# Installs the project's dependencies when missing or stale (npm ci from the committed lockfile).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[medverkan] installing npm dependencies…" >&2
  npm ci --no-audit --no-fund >&2
fi
