#!/usr/bin/env bash
# Benchmark of the local model route (no services): model load time, latency per generation over 20
# prompts (p50/p95, embeddings + SmolLM2 fill + validation + moderation + writing the package), and the
# worker process's peak RSS. Release build; benches/RESULTS.md records a run.
#   bash scripts/bench-local.sh            # RAYON_NUM_THREADS defaults to AIMINI_MODEL_THREADS or 1
#   RAYON_NUM_THREADS=2 bash scripts/bench-local.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aimini/target}"
export SQLX_OFFLINE=true
[[ -x /usr/bin/time ]] || { echo "bench-local: needs GNU time (apt-get install time)" >&2; exit 1; }

AIMINI_MODELS_DIR="$(bash scripts/models.sh)"
export AIMINI_MODELS_DIR AIMINI_LOCAL_MODEL=true
export RAYON_NUM_THREADS="${RAYON_NUM_THREADS:-${AIMINI_MODEL_THREADS:-1}}"
export AIMINI_MODEL_THREADS="$RAYON_NUM_THREADS"
cargo build -q --release -p aimini-worker
BIN="$CARGO_TARGET_DIR/release/aimini-worker"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cat > "$WORK/suite.yaml" <<'YAML'
cases:
  - {prompt: a snake game in space where the snake eats stars, expect: {template: snake}}
  - {prompt: a worm that grows longer in a jungle, expect: {template: snake}}
  - {prompt: a snake game in a bakery where the snake eats cupcakes}
  - {prompt: breakout with neon bricks, expect: {template: breakout}}
  - {prompt: an arkanoid clone set under the sea}
  - {prompt: dodge the falling asteroids in space, expect: {template: dodger}}
  - {prompt: avoid the falling pianos in the city}
  - {prompt: tic tac toe against the computer, expect: {template: tic-tac-toe}}
  - {prompt: noughts and crosses on a pirate ship}
  - {prompt: a memory card matching game with farm animals, expect: {template: memory-match}}
  - {prompt: concentration game with halloween symbols}
  - {prompt: unscramble words about the ocean, expect: {template: word-scramble}}
  - {prompt: a word game about cooking and kitchens}
  - {prompt: quick math practice for kids, expect: {template: quick-math}}
  - {prompt: multiplication drill in a winter wonderland}
  - {prompt: a quiz about planets, expect: {template: quiz}}
  - {prompt: test my reaction time, expect: {template: reaction-timer}}
  - {prompt: how fast are my reflexes when the traffic light turns green}
  - {prompt: sliding tile puzzle with a robot theme, expect: {template: sliding-puzzle}}
  - {prompt: "a game called \"Star Hopper\" where you dodge meteors"}
YAML

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); RAYON_NUM_THREADS=$RAYON_NUM_THREADS"

echo "== model load: one prompt with the models vs. the same with AIMINI_LOCAL_MODEL=false (3 runs each, best)"
best_ms() {
    local best=""
    for _ in 1 2 3; do
        local s e ms
        s=$(date +%s%N)
        "$BIN" try "test my reaction time" --out "$WORK/try" --json > /dev/null 2>&1
        e=$(date +%s%N)
        ms=$(( (e - s) / 1000000 ))
        if [[ -z "$best" || $ms -lt $best ]]; then best=$ms; fi
    done
    echo "$best"
}
WITH=$(best_ms)
WITHOUT=$(AIMINI_LOCAL_MODEL=false best_ms)
GEN=$("$BIN" try "test my reaction time" --out "$WORK/try" --json 2>/dev/null |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(round(sum(s["ms"] for s in r["stages"])))' 2>/dev/null || echo "?")
echo "process with models ${WITH} ms, without ${WITHOUT} ms, of which one generation ~${GEN} ms"
if [[ "$GEN" =~ ^[0-9]+$ ]]; then
    echo "model load ~ $(( WITH - WITHOUT - GEN )) ms"
fi

echo "== 20 prompts through the local route (aimini-worker eval), peak RSS of the process"
/usr/bin/time -v "$BIN" eval "$WORK/suite.yaml" > "$WORK/eval.out" 2> "$WORK/time.err" || true
grep -vE '^\s*$' "$WORK/eval.out" | tail -n 30
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$WORK/time.err" | sed 's/^\s*//'
