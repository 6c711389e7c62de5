#!/usr/bin/env bash
# The main job on a fresh machine, no services needed: turn a prompt into a playable game package
# (the generation job's code path via `aimini-worker try`), then open the printed index.html.
#   bash scripts/try.sh "a snake game in space where the snake eats stars" [--template quiz] [--json]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aimini/target}"
export SQLX_OFFLINE=true
if [[ $# -eq 0 ]]; then
    set -- "a snake game in space where the snake eats stars"
fi
# The local models (fetched once, then cached); without them the rule-based filler serves, and says so.
if MODELS_DIR="$(bash scripts/models.sh)"; then
    export AIMINI_MODELS_DIR="$MODELS_DIR"
    # candle sizes its thread pool from RAYON_NUM_THREADS (it cannot be set from Rust without unsafe).
    export RAYON_NUM_THREADS="${RAYON_NUM_THREADS:-${AIMINI_MODEL_THREADS:-1}}"
else
    echo "try.sh: warning: could not fetch the local models; continuing with the rule-based filler" >&2
fi
exec cargo run -q -p aimini-worker -- try "$@"
