#!/usr/bin/env bash
# Benchmarks of the generation API and pipeline (release build, real Postgres/Redis, local storage),
# load from a separate process (wrk). Results go to stdout; benches/RESULTS.md records a run.
#   bash scripts/bench.sh            # all
# Needs: wrk (apt-get install wrk). Uses database aimini_bench and Redis prefix aimini-bench:.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aimini/target}"
export SQLX_OFFLINE=true
command -v wrk >/dev/null || { echo "bench: install wrk first (apt-get install wrk)" >&2; exit 1; }
AIMINI_SKIP_S3=1 bash scripts/services.sh
cargo build -q --release -p aimini-api -p aimini-worker
BIN="$CARGO_TARGET_DIR/release"
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
# The template route without the model (scripts/bench-local.sh measures the model route).
export AIMINI_LOCAL_MODEL=false
"$BIN/aimini-api" migrate
"$BIN/aimini-api" serve > "$WORK/api.log" 2>&1 &
API_PID=$!
trap 'kill $API_PID ${W1:-} ${W2:-} 2>/dev/null || true; sleep 0.5; rm -rf "$WORK"' EXIT
for _ in $(seq 1 30); do curl -fs http://127.0.0.1:18080/healthz >/dev/null && break; sleep 0.1; done
BASE=http://127.0.0.1:18080/api/v1
TOKEN=$(curl -fs -X POST $BASE/auth/register -H 'content-type: application/json' \
  -d '{"username":"bench","email":"bench@example.com","password":"benchmark passphrase"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"prompt":"a snake game in space where the snake eats stars"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA

echo "== POST /ai/generate-game, 32 connections, 2 s (no worker running: measures the API alone; kept short so"
echo "   the queue stays under AIMINI_GENERATION_MAX_DUE_JOBS: past it the answers are cheap 503 queue_full)"
wrk -t2 -c32 -d2s --latency -s "$WORK/post.lua" $BASE/ai/generate-game | grep -E "Requests/sec|50%|90%|99%|Non-2xx|requests in"
ID=$(psql "$AIMINI_DATABASE_URL" -Xtqc "SELECT id FROM ai_generation_requests LIMIT 1" | tr -d ' ')
echo "== GET /ai/generation/{id}, 32 connections, 5 s"
wrk -t2 -c32 -d5s --latency -H "Authorization: Bearer $TOKEN" $BASE/ai/generation/$ID | grep -E "Requests/sec|50%|90%|99%|Non-2xx|requests in"

# Every game is smoke-tested (180 frames in the headless runner) before it is stored, so draining
# thousands takes minutes on 2 cores: keep the newest BENCH_E2E_JOBS (default 1000) and park the rest.
psql "$AIMINI_DATABASE_URL" -Xq -c "UPDATE ai_generation_requests SET status = 'failed', error_code = 'bench_parked'
  WHERE status = 'pending' AND id NOT IN (SELECT id FROM ai_generation_requests WHERE status = 'pending'
  ORDER BY created_at DESC LIMIT ${BENCH_E2E_JOBS:-1000})"
PENDING=$(psql "$AIMINI_DATABASE_URL" -Xtqc "SELECT count(*) FROM ai_generation_requests WHERE status = 'pending'" | tr -d ' ')
echo "== end to end: $PENDING queued requests, 2 worker processes (template route, local storage)"
START=$(date +%s.%N)
AIMINI_WORKER_HEALTH_ADDR=127.0.0.1:19091 "$BIN/aimini-worker" run --queues generation.v1 --concurrency 8 > "$WORK/w1.log" 2>&1 & W1=$!
AIMINI_WORKER_HEALTH_ADDR=127.0.0.1:19092 "$BIN/aimini-worker" run --queues generation.v1 --concurrency 8 > "$WORK/w2.log" 2>&1 & W2=$!
while [ "$(psql "$AIMINI_DATABASE_URL" -Xtqc "SELECT count(*) FROM ai_generation_requests WHERE status IN ('pending','processing')" | tr -d ' ')" != "0" ]; do sleep 0.5; done
END=$(date +%s.%N)
psql "$AIMINI_DATABASE_URL" -Xtq -c "SELECT status, count(*) FROM ai_generation_requests GROUP BY status" \
  -c "SELECT 'processing p50 ms', percentile_cont(0.5) WITHIN GROUP (ORDER BY processing_ms) FROM ai_generation_requests WHERE status = 'completed'"
python3 -c "import sys; n=int(sys.argv[1]); t=float(sys.argv[3])-float(sys.argv[2]); print(f'{n} games in {t:.1f} s = {n/t:.0f} games/s')" "$PENDING" "$START" "$END"

echo "== pickup latency: 30 requests, one every 300 ms, to the 2 idle workers (created -> claimed)"
echo "   (spaced wider than a game takes, about 1.5 s of CPU split over 2 cores, so this is pickup, not queueing)"
# The first token may have expired while the workers drained the queue.
TOKEN=$(curl -fs -X POST $BASE/auth/login -H 'content-type: application/json' \
  -d '{"username":"bench","password":"benchmark passphrase"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
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
