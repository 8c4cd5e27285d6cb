#!/usr/bin/env bash
# The model-based test, longer than in `npm test` (test/model.e2e-spec.ts; README "The model-based test").
# MODEL_RUNS (sequences), MODEL_STEPS (steps per sequence), MODEL_SEED (default: a new one, printed) from the environment.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install.sh
if cli="$(bash scripts/temporal.sh)"; then export TEMPORAL_CLI="$cli"; fi
export MODEL_RUNS="${MODEL_RUNS:-25}"
export MODEL_STEPS="${MODEL_STEPS:-60}"
export MODEL_SEED="${MODEL_SEED:-$(( (RANDOM << 15) | RANDOM ))}"
echo "[medverkan] model test: ${MODEL_RUNS} sequences of up to ${MODEL_STEPS} steps, seed ${MODEL_SEED} (MODEL_SEED=${MODEL_SEED} repeats it)" >&2
npx jest --ci --selectProjects integration test/model.e2e-spec.ts "$@"
