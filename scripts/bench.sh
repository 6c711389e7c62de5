#!/usr/bin/env bash
# Benchmarks of the generation API and pipeline (issue 13): release builds, real Postgres and Redis,
# local storage, the template route (no model; scripts/bench-local.sh measures the model route), and
# load from a separate process (wrk, 2 threads, 32 connections). Every HTTP figure comes with the CPU
# each process group used meanwhile (scripts/bench/cpu.py), wrk's own included, so a reader can see
# whether the load generator was the bottleneck. Results go to stdout; benches/RESULTS.md records
# runs.
#   bash scripts/bench.sh
#   BENCH_BIN=/path/to/release bash scripts/bench.sh   # another build's binaries, side by side
#   BENCH_SECS=10 (each wrk run), BENCH_E2E_JOBS=200 (games drained end to end)
# Needs: wrk (apt-get install wrk). Uses database aimini_bench, Redis prefix aimini-bench:, ports
# 18080 and 19091-19092.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aimini/target}"
export SQLX_OFFLINE=true
command -v wrk >/dev/null || { echo "bench: install wrk first (apt-get install wrk)" >&2; exit 1; }
AIMINI_SKIP_S3=1 bash scripts/services.sh
if [ -z "${BENCH_BIN:-}" ]; then
  cargo build -q --release -p aimini-api -p aimini-worker
fi
BIN="${BENCH_BIN:-$CARGO_TARGET_DIR/release}"
SECS=${BENCH_SECS:-10}
ADMIN=postgres://postgres@127.0.0.1:5432/postgres
psql "$ADMIN" -Xq -c "DROP DATABASE IF EXISTS aimini_bench WITH (FORCE)" -c "CREATE DATABASE aimini_bench"
redis-cli -h 127.0.0.1 --scan --pattern 'aimini-bench:*' | xargs -r redis-cli -h 127.0.0.1 DEL >/dev/null
WORK=$(mktemp -d)
export AIMINI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/aimini_bench
export AIMINI_REDIS_PREFIX=aimini-bench:
export AIMINI_JWT_SECRET=bench-secret-0123456789abcdef0123456789
export AIMINI_STORAGE_LOCAL_DIR="$WORK/storage" AIMINI_MAIL_OUTBOX_DIR="$WORK/outbox"
export AIMINI_HTTP_ADDR=127.0.0.1:18080 AIMINI_PUBLIC_URL=http://127.0.0.1:18080
export AIMINI_RATE_LIMIT_API_CALLS=100000000/minute AIMINI_RATE_LIMIT_AI_GENERATION=100000000/minute
export AIMINI_GENERATION_MAX_DUE_JOBS=7000 AIMINI_LOG=warn AIMINI_DATABASE_MAX_CONNECTIONS=32
export AIMINI_LOCAL_MODEL=false
"$BIN/aimini-api" migrate
"$BIN/aimini-api" serve > "$WORK/api.log" 2>&1 &
API_PID=$!
trap 'kill $API_PID ${W1:-} ${W2:-} 2>/dev/null || true; sleep 0.5; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do curl -fs http://127.0.0.1:18080/healthz >/dev/null && break; sleep 0.1; done
BASE=http://127.0.0.1:18080/api/v1
q() { psql "$AIMINI_DATABASE_URL" -Xtqc "$1" | tr -d ' '; }
login() {
  curl -fs -X POST $BASE/auth/$1 -H 'content-type: application/json' -d "$2" \
    | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'
}
TOKEN=$(login register '{"username":"bench","email":"bench@example.com","password":"benchmark passphrase"}')
post_script() {
  cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"prompt":"a snake game in space where the snake eats stars"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
  cat scripts/bench/report.lua >> "$WORK/post.lua"
}
# One wrk run: prints req/s and latency percentiles, then the CPU each process group used.
load() {
  local secs=$1
  shift
  python3 scripts/bench/cpu.py run wrk -t2 -c32 -d"${secs}s" "$@" | grep -E "req/s|Socket errors|CPU" || true
}
start_workers() {
  AIMINI_WORKER_HEALTH_ADDR=127.0.0.1:19091 "$BIN/aimini-worker" run > "$WORK/w1.log" 2>&1 & W1=$!
  AIMINI_WORKER_HEALTH_ADDR=127.0.0.1:19092 "$BIN/aimini-worker" run > "$WORK/w2.log" 2>&1 & W2=$!
  for _ in $(seq 1 50); do
    curl -fs http://127.0.0.1:19091/healthz >/dev/null && curl -fs http://127.0.0.1:19092/healthz >/dev/null && break
    sleep 0.1
  done
}
drain() {
  while [ "$(q "SELECT count(*) FROM ai_generation_requests WHERE status IN ('pending','processing')")" != "0" ]; do
    sleep 0.5
  done
}

post_script
# The content screen's classifier trains on first use (a background task at start); warm it up.
wrk -t1 -c1 -d1s -s "$WORK/post.lua" $BASE/ai/generate-game >/dev/null
echo "== POST /ai/generate-game, API alone (no worker), 2 s (short: the queue must stay under"
echo "   AIMINI_GENERATION_MAX_DUE_JOBS, past which answers are cheap 503 queue_full)"
load 2 -s "$WORK/post.lua" $BASE/ai/generate-game

# End to end: park what the API-alone run queued (a parked request's claim is a no-op) and clear
# the queues, then queue BENCH_E2E_JOBS fresh requests one by one and time 2 workers until each has
# its game, review and thumbnail (the workers run those jobs too).
psql "$AIMINI_DATABASE_URL" -Xq -c "UPDATE ai_generation_requests SET status = 'failed', error_code = 'bench_parked'
  WHERE status = 'pending'"
redis-cli -h 127.0.0.1 --scan --pattern 'aimini-bench:*' | xargs -r redis-cli -h 127.0.0.1 DEL >/dev/null
# Admission control samples the queue depth every 100 ms: let it see the empty queue.
sleep 0.5
PENDING=${BENCH_E2E_JOBS:-200}
PROMPTS=("a snake game in space where the snake eats stars" "breakout with neon bricks" "a quiz about planets"
  "dodge the falling asteroids" "a memory card game with animals" "tic tac toe against the computer"
  "a maze with a mouse looking for cheese" "flappy bird with a dragon" "whack a mole in a garden" "a 2048 game")
for i in $(seq 1 "$PENDING"); do
  curl -fs -o /dev/null -X POST $BASE/ai/generate-game -H "Authorization: Bearer $TOKEN" \
    -H 'content-type: application/json' -d "{\"prompt\":\"${PROMPTS[$((i % ${#PROMPTS[@]}))]}\"}" \
    || { echo "bench: submission $i was refused" >&2; exit 1; }
done
echo "== end to end: $PENDING queued requests, 2 worker processes with their defaults"
START=$(date +%s.%N)
python3 scripts/bench/cpu.py snap "$WORK/cpu"
start_workers
drain
# Reviews and thumbnails trail each game: a game counts once it has both.
for _ in $(seq 1 1200); do
  [ "$(q "SELECT count(*) FROM games WHERE thumbnail_url IS NULL OR NOT EXISTS
      (SELECT 1 FROM content_moderation m WHERE m.content_id = games.id AND m.status <> 'pending')")" = "0" ] && break
  sleep 0.5
done
END=$(date +%s.%N)
python3 scripts/bench/cpu.py diff "$WORK/cpu" "$(python3 -c "print($END-$START)")"
psql "$AIMINI_DATABASE_URL" -Xtq -c "SELECT status, count(*) FROM ai_generation_requests GROUP BY status" \
  -c "SELECT 'processing p50 ms', percentile_cont(0.5) WITHIN GROUP (ORDER BY processing_ms) FROM ai_generation_requests WHERE status = 'completed'"
python3 -c "import sys; n=int(sys.argv[1]); t=float(sys.argv[3])-float(sys.argv[2]); print(f'   {n} games, reviewed and with thumbnails, in {t:.1f} s = {n/t:.1f} games/s')" "$PENDING" "$START" "$END"

# The first token may have expired while the workers drained the queue.
TOKEN=$(login login '{"username":"bench","password":"benchmark passphrase"}')
post_script
cat > "$WORK/poll.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
cat scripts/bench/report.lua >> "$WORK/poll.lua"
DONE=$(q "SELECT id FROM ai_generation_requests WHERE status = 'completed' LIMIT 1")
echo "== GET /ai/generation/{id} of a completed game (its review read too), 32 connections, ${SECS} s, workers idle"
load "$SECS" -s "$WORK/poll.lua" "$BASE/ai/generation/$DONE"

echo "== pickup latency: 30 requests, one every 300 ms, to the 2 idle workers (created -> claimed)"
MARK=$(psql "$AIMINI_DATABASE_URL" -Xtqc "SELECT now()" | xargs)
for _ in $(seq 1 30); do
  curl -fs -o /dev/null -X POST $BASE/ai/generate-game -H "Authorization: Bearer $TOKEN" \
    -H 'content-type: application/json' -d '{"prompt":"a quiz about planets"}'
  sleep 0.3
done
sleep 2
psql "$AIMINI_DATABASE_URL" -Xtq -c "SELECT 'pickup ms p50, p95, max', \
  round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1), \
  round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 1), round(max(ms)::numeric, 1) \
  FROM (SELECT extract(epoch FROM started_at - created_at) * 1000 AS ms FROM ai_generation_requests \
        WHERE created_at > '$MARK' AND started_at IS NOT NULL) s"

echo "== POST /ai/generate-game with the 2 workers running (as in production), 3 s"
load 3 -s "$WORK/post.lua" $BASE/ai/generate-game
# Draining thousands of games would take minutes: the rest are parked (a parked job's claim is a
# no-op), so the script ends once the games being made are done.
psql "$AIMINI_DATABASE_URL" -Xq -c "UPDATE ai_generation_requests SET status = 'failed', error_code = 'bench_parked'
  WHERE status = 'pending'"
drain

