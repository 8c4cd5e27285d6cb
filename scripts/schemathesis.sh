#!/usr/bin/env bash
# Prints the path of a schemathesis 4.x CLI (the OpenAPI fuzzer of test/fuzz.e2e-spec.ts), installing it once
# from PyPI into a virtual environment in the project cache (.cache/schemathesis). Needs python3 with venv
# (scripts/system-deps.sh installs python3-venv when it is missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
venv=.cache/schemathesis
bin="$PWD/$venv/bin/schemathesis"
if [[ -x "$bin" ]] && "$bin" --version 2>/dev/null | grep -q 'version 4\.'; then
  echo "$bin"
  exit 0
fi
echo "[medverkan] installing schemathesis 4.x into $venv…" >&2
rm -rf "$venv"
python3 -m venv "$venv" >&2
"$venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4,<5' >&2
"$bin" --version >&2
echo "$bin"
