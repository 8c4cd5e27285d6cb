#!/usr/bin/env bash
# System tools the tests use: pdftotext (poppler-utils) reads generated PDFs back; xmllint (libxml2-utils) validates
# the pain.001 payment file against ISO 20022's XSD; Debian's PostgreSQL for the
# production topology (src/dev/production-topology.ts); python3 with venv installs schemathesis (scripts/schemathesis.sh,
# for test/fuzz.e2e-spec.ts). With `--postgres`, only PostgreSQL (npm run start:production).
# Installed with apt-get when missing and we are root; otherwise we say what is missing.
set -euo pipefail
missing=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql) # production topology
if [[ "${1:-}" != "--postgres" ]]; then
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils) # the pain.001 file against ISO 20022's XSD (test/pain001.e2e-spec.ts)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium) # browser tests of the web app (test/web.e2e-spec.ts)
  if ! command -v python3 >/dev/null 2>&1; then missing+=(python3 python3-venv)
  elif ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then missing+=(python3-venv); fi # the OpenAPI fuzzer
fi
if [[ ${#missing[@]} -eq 0 ]]; then exit 0; fi
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
  echo "[medverkan] installing ${missing[*]}…" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
else
  echo "[medverkan] please install: ${missing[*]} (for example: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
