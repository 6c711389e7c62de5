#!/usr/bin/env bash
# Where a generation's CPU goes, by stage (issue 13's "measure first"): the release API queues N
# prompts on the template route (no model, local storage), then ONE worker with every queue it needs
# (generation, moderation, thumbnails) drains them under `perf record`, children (the runner's
# sandbox processes) included. scripts/perf-stages.py sorts every sample into the pipeline stage its
# call stack belongs to. Output: a table on stdout; benches/RESULTS.md records a run.
#   bash scripts/profile-generation.sh          # 100 prompts
#   PROFILE_JOBS=300 bash scripts/profile-generation.sh
#   PROFILE_WORKER_BIN=/path/to/aimini-worker bash ...   # another build's worker, side by side
# Needs: perf (apt-get install linux-perf). Uses database aimini_profile and Redis prefix aimini-profile:.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aimini/target}"
export SQLX_OFFLINE=true
command -v perf >/dev/null || { echo "profile: install perf first (apt-get install linux-perf)" >&2; exit 1; }
JOBS=${PROFILE_JOBS:-100}
# perf.data and its text dump stay here for a second look (python3 scripts/perf-stages.py < OUT/perf.txt).
OUT=${PROFILE_OUT:-$HOME/.cache/aimini/profile}
mkdir -p "$OUT"
AIMINI_SKIP_S3=1 bash scripts/services.sh
cargo build -q --release -p aimini-api -p aimini-worker
BIN="$CARGO_TARGET_DIR/release"
ADMIN=postgres://postgres@127.0.0.1:5432/postgres
psql "$ADMIN" -Xq -c "DROP DATABASE IF EXISTS aimini_profile WITH (FORCE)" -c "CREATE DATABASE aimini_profile"
redis-cli -h 127.0.0.1 --scan --pattern 'aimini-profile:*' | xargs -r redis-cli -h 127.0.0.1 DEL >/dev/null
WORK=$(mktemp -d)
export AIMINI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/aimini_profile
export AIMINI_REDIS_PREFIX=aimini-profile:
export AIMINI_JWT_SECRET=profile-secret-0123456789abcdef0123456789
export AIMINI_STORAGE_LOCAL_DIR="$WORK/storage" AIMINI_MAIL_OUTBOX_DIR="$WORK/outbox"
export AIMINI_HTTP_ADDR=127.0.0.1:18081 AIMINI_PUBLIC_URL=http://127.0.0.1:18081
export AIMINI_RATE_LIMIT_API_CALLS=100000000/minute AIMINI_RATE_LIMIT_AI_GENERATION=100000000/minute
export AIMINI_LOG=warn AIMINI_LOCAL_MODEL=false
"$BIN/aimini-api" migrate
"$BIN/aimini-api" serve > "$WORK/api.log" 2>&1 &
API_PID=$!
trap 'kill $API_PID ${W:-} 2>/dev/null || true; sleep 0.5; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do curl -fs http://127.0.0.1:18081/healthz >/dev/null && break; sleep 0.1; done
BASE=http://127.0.0.1:18081/api/v1
TOKEN=$(curl -fs -X POST $BASE/auth/register -H 'content-type: application/json' \
  -d '{"username":"profile","email":"profile@example.com","password":"profiling passphrase"}' \
  | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
# A spread of templates, as users ask for them.
PROMPTS=("a snake game in space where the snake eats stars" "breakout with neon bricks" "a quiz about planets"
  "dodge the falling asteroids" "a memory card game with animals" "tic tac toe against the computer"
  "a maze with a mouse looking for cheese" "flappy bird with a dragon" "whack a mole in a garden" "a 2048 game")
for i in $(seq 1 "$JOBS"); do
  p=${PROMPTS[$((i % ${#PROMPTS[@]}))]}
  curl -fs -o /dev/null -X POST $BASE/ai/generate-game -H "Authorization: Bearer $TOKEN" \
    -H 'content-type: application/json' -d "{\"prompt\":\"$p\"}"
done
echo "== $JOBS requests queued; one worker (every queue: generation, validation, moderation, thumbnails; concurrency 2) under perf"
START=$(date +%s.%N)
AIMINI_WORKER_HEALTH_ADDR=127.0.0.1:19093 perf record -F 199 --call-graph dwarf,16384 -o "$OUT/perf.data" -- \
  "${PROFILE_WORKER_BIN:-$BIN/aimini-worker}" run --concurrency 2 \
  > "$WORK/worker.log" 2>&1 & W=$!
q() { psql "$AIMINI_DATABASE_URL" -Xtqc "$1" | tr -d ' '; }
while [ "$(q "SELECT count(*) FROM ai_generation_requests WHERE status IN ('pending','processing')")" != "0" ]; do sleep 0.5; done
# Thumbnails and reviews trail the generation: wait for every game to have both.
for _ in $(seq 1 600); do
  left=$(q "SELECT count(*) FROM games WHERE thumbnail_url IS NULL OR NOT EXISTS (SELECT 1 FROM content_moderation m WHERE m.content_id = games.id)")
  [ "$left" = "0" ] && break
  sleep 0.5
done
END=$(date +%s.%N)
kill -INT $W; wait $W || true
W=
psql "$AIMINI_DATABASE_URL" -Xtq -c "SELECT status, count(*) FROM ai_generation_requests GROUP BY status" \
  -c "SELECT 'processing ms p50', percentile_cont(0.5) WITHIN GROUP (ORDER BY processing_ms) FROM ai_generation_requests WHERE status = 'completed'"
python3 -c "import sys; n=int(sys.argv[1]); t=float(sys.argv[3])-float(sys.argv[2]); print(f'{n} games (with reviews and thumbnails) in {t:.1f} s = {n/t:.1f} games/s on one worker')" "$JOBS" "$START" "$END"
echo "== how each game passed the gate (verified: fuzz-tested template code, no replay; AIMINI_RUNNER_VERIFIED_TEMPLATES=false plays all)"
psql "$AIMINI_DATABASE_URL" -Xtq -c "SELECT CASE WHEN game_data ? 'verified' THEN 'verified' ELSE 'played' END, count(*) FROM games GROUP BY 1"
echo "== the runner's own clock: smoke test wall time (frames x average frame), per played game"
psql "$AIMINI_DATABASE_URL" -Xtq -c "SELECT 'smoke test ms, mean', round(avg((game_data->'smoke_test'->>'frames')::numeric
  * (game_data->'smoke_test'->>'avg_frame_ms')::numeric), 1) FROM games WHERE game_data ? 'smoke_test'"
perf script -i "$OUT/perf.data" 2>/dev/null > "$OUT/perf.txt"
python3 scripts/perf-stages.py --jobs "$JOBS" --hz 199 < "$OUT/perf.txt"
