#!/usr/bin/env bash
# Saves the histories of the lifecycle tests' workflows as JSON fixtures (test/fixtures/histories/), which
# test/replay.e2e-spec.ts replays against the current workflow bundle. Run it when a workflow change is meant to
# be the new baseline (after putting the change behind patched(); see workflows/lifecycle.ts), and commit the
# fixtures. Fixtures of the same name are overwritten: first move the ones that stand for runs still open in
# production into a subfolder (e.g. test/fixtures/histories/2026-03/); the replay test reads subfolders too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SAVE_HISTORIES=1 npx jest --selectProjects integration --runTestsByPath test/lifecycle.e2e-spec.ts test/lifecycle-crash.e2e-spec.ts test/assignment-guarantees.e2e-spec.ts test/payout-guarantees.e2e-spec.ts "$@"
ls -l test/fixtures/histories
