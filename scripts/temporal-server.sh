#!/usr/bin/env bash
# Builds the production Temporal server and its SQL schema tool (once, idempotent) and prints the folder that
# holds them: .cache/temporal-server/bin/{temporal-server,temporal-sql-tool}, plus the path of the server
# module's folder (schemas, config templates) on a second line.
#
#   go install go.temporal.io/server/cmd/server@v1.29.1           -> bin/server, kept as temporal-server
#   go install go.temporal.io/server/cmd/tools/sql@v1.29.1        -> bin/sql,    kept as temporal-sql-tool
#
# Needs Go (the module cache is used when warm; otherwise the Go module proxy). Progress goes to stderr;
# stdout carries only the two paths. Exit code 3 when Go is missing and the binaries are not built yet.
set -euo pipefail

TEMPORAL_SERVER_VERSION="${TEMPORAL_SERVER_VERSION:-v1.29.1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${MEDVERKAN_CACHE_DIR:-$root/.cache}/temporal-server"
bin="$cache/bin"
stamp="$cache/version"

if ! command -v go >/dev/null 2>&1; then
  if [[ -x "$bin/temporal-server" && -x "$bin/temporal-sql-tool" && -d "$cache/module/schema" ]]; then
    echo "$bin"
    echo "$cache/module"
    exit 0
  fi
  echo "Go is not installed: cannot build the Temporal server $TEMPORAL_SERVER_VERSION (install Go, see README)." >&2
  exit 3
fi

if [[ ! -x "$bin/temporal-server" || ! -x "$bin/temporal-sql-tool" || "$(cat "$stamp" 2>/dev/null)" != "$TEMPORAL_SERVER_VERSION" ]]; then
  mkdir -p "$bin"
  echo "Building the Temporal server $TEMPORAL_SERVER_VERSION and its SQL tool with Go into $bin (once; takes several minutes)…" >&2
  GOBIN="$bin" GOFLAGS="-mod=mod" go install "go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}" >&2
  GOBIN="$bin" GOFLAGS="-mod=mod" go install "go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}" >&2
  mv -f "$bin/server" "$bin/temporal-server"
  mv -f "$bin/sql" "$bin/temporal-sql-tool"
  echo "$TEMPORAL_SERVER_VERSION" >"$stamp"
fi

# The module's own folder (schema/postgresql/v12, config/development-postgres12.yaml), from Go's module cache.
module="$(GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' "go.temporal.io/server@${TEMPORAL_SERVER_VERSION}" 2>/dev/null || true)"
if [[ -z "$module" || ! -d "$module/schema" ]]; then
  module="$(go env GOMODCACHE)/go.temporal.io/server@${TEMPORAL_SERVER_VERSION}"
fi
if [[ ! -d "$module/schema" ]]; then
  GOFLAGS=-mod=mod go mod download "go.temporal.io/server@${TEMPORAL_SERVER_VERSION}" >&2
fi
# A copy of the schemas and config templates beside the binaries, so that later runs need no Go.
if [[ ! -d "$cache/module/schema" || "$(cat "$cache/module/version" 2>/dev/null)" != "$TEMPORAL_SERVER_VERSION" ]]; then
  rm -rf "$cache/module"
  mkdir -p "$cache/module"
  cp -r "$module/schema" "$module/config" "$cache/module/"
  chmod -R u+w "$cache/module"
  echo "$TEMPORAL_SERVER_VERSION" >"$cache/module/version"
fi
echo "$bin"
echo "$cache/module"
