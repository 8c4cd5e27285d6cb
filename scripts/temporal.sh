#!/usr/bin/env bash
# Prints the path of a `temporal` CLI binary (which carries the dev server), obtaining it if needed.
#
# Order of preference:
#   1. $TEMPORAL_CLI, when it names an executable file;
#   2. `temporal` on PATH;
#   3. the project's cache, .cache/temporal/bin/temporal (built once, reused);
#   4. with Go installed: `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` into that cache
#      (later CLI versions carry a `replace` directive that `go install` refuses);
#   5. otherwise nothing is printed and the exit code is 3: the Node side then lets the Temporal SDK
#      download its own dev server (needs internet access).
# Progress goes to stderr; stdout carries only the path.
set -euo pipefail

TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${MEDVERKAN_CACHE_DIR:-$root/.cache}/temporal"

if [[ -n "${TEMPORAL_CLI:-}" ]]; then
  if [[ -x "$TEMPORAL_CLI" ]]; then echo "$TEMPORAL_CLI"; exit 0; fi
  echo "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable file" >&2
  exit 2
fi

if command -v temporal >/dev/null 2>&1; then
  command -v temporal
  exit 0
fi

if [[ -x "$cache/bin/temporal" ]]; then
  echo "$cache/bin/temporal"
  exit 0
fi

if command -v go >/dev/null 2>&1; then
  mkdir -p "$cache/bin"
  echo "Building the temporal CLI $TEMPORAL_CLI_VERSION with Go into $cache/bin (once; takes a few minutes)…" >&2
  # A separate module cache keeps the build from depending on the user's GOPATH settings.
  GOBIN="$cache/bin" GOFLAGS="-mod=mod" go install "github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}" >&2
  echo "$cache/bin/temporal"
  exit 0
fi

echo "No temporal CLI found and Go is not installed; the Temporal SDK will download its dev server." >&2
exit 3
