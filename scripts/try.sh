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
exec cargo run -q -p aimini-worker -- try "$@"
