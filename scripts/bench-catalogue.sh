#!/usr/bin/env bash
# Catalogue benchmark (issue 5): 100,000 seeded games, GET /api/v1/games list pages and full-text
# search at 32 connections with wrk (a separate process), cache cold (every request a miss)
# and warm (TTL 60 after a warm-up pass); EXPLAIN (ANALYZE, BUFFERS) of the list and search queries
# (benches/catalogue/plans.txt); five 10 MB multipart uploads timed with curl while the API's RSS is
# sampled every 20 ms. Results go to stdout; benches/RESULTS.md records a run.
#   bash scripts/bench-catalogue.sh
# Cache cold: rather than turning the cache off (AIMINI_LIST_CACHE_TTL_SECS=0), the cold runs keep it on
# and set the catalogue generation key to "0.5": the page lookup then asks for generation 0.5 while
# the write stores generation 0, so every request is a miss that pays the full path a real miss pays
# (Redis lookup, query, page write), and x-cache says "miss".
# Needs: wrk, zip, curl, python3. Uses database aimini_bench_catalogue (dropped and re-created) and
# Redis prefix aimini-bench-catalogue:, port 18090; removes its temp dir and stops the API on exit.
# BENCH_DURATION (default 15s) sets each wrk run's length.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# A release build in its own target dir (the dev target dir is shared with the test builds).
export CARGO_TARGET_DIR="${AIMINI_BENCH_TARGET:-$HOME/.cache/aimini/target-release}"
export SQLX_OFFLINE="${SQLX_OFFLINE:-true}"
for tool in wrk zip curl python3; do
  command -v $tool >/dev/null || { echo "bench-catalogue: install $tool first" >&2; exit 1; }
done
AIMINI_SKIP_S3=1 bash scripts/services.sh
cargo build -q --release -p aimini-api
BIN="$CARGO_TARGET_DIR/release/aimini-api"
DURATION="${BENCH_DURATION:-15s}"
PORT=18090
BASE=http://127.0.0.1:$PORT
ADMIN=postgres://postgres@127.0.0.1:5432/postgres
DB=aimini_bench_catalogue
PREFIX=aimini-bench-catalogue:

WORK=$(mktemp -d)
API_PID=""
SAMPLER=""
stop_api() {
  if [ -n "$API_PID" ]; then
    kill "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
    API_PID=""
  fi
}
clear_redis() {
  redis-cli -h 127.0.0.1 --scan --pattern "${PREFIX}*" | xargs -r redis-cli -h 127.0.0.1 DEL >/dev/null
}
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  stop_api
  clear_redis || true
  rm -rf "$WORK"
}
trap cleanup EXIT

psql "$ADMIN" -Xq -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
clear_redis
export AIMINI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
export AIMINI_REDIS_URL=redis://127.0.0.1:6379 AIMINI_REDIS_PREFIX=$PREFIX
export AIMINI_JWT_SECRET=bench-secret-0123456789abcdef0123456789
export AIMINI_STORAGE_BACKEND=local AIMINI_STORAGE_LOCAL_DIR="$WORK/storage" AIMINI_MAIL_OUTBOX_DIR="$WORK/outbox"
export AIMINI_HTTP_ADDR=127.0.0.1:$PORT AIMINI_PUBLIC_URL=$BASE
export AIMINI_RATE_LIMIT_API_CALLS=100000000/minute AIMINI_RATE_LIMIT_GAME_UPLOAD=100000000/minute
export AIMINI_RATE_LIMIT_AUTH=100000000/minute
export AIMINI_LOG=warn AIMINI_DATABASE_MAX_CONNECTIONS=32 AIMINI_LOCAL_MODEL=false
"$BIN" migrate

echo "== seeding 100,000 games (benches/catalogue/seed.sql)"
START=$(date +%s.%N)
psql "$AIMINI_DATABASE_URL" -Xq -f benches/catalogue/seed.sql >/dev/null
python3 -c "import sys; print(f'seeded in {float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$START" "$(date +%s.%N)"
psql "$AIMINI_DATABASE_URL" -Xtq -c "SELECT count(*) AS games, count(*) FILTER (WHERE listed) AS listed FROM games"

start_api() { # $1 = label
  AIMINI_LIST_CACHE_TTL_SECS=60 "$BIN" serve > "$WORK/api-$1.log" 2>&1 &
  API_PID=$!
  for _ in $(seq 1 100); do curl -fs $BASE/healthz >/dev/null && return 0; sleep 0.1; done
  echo "bench-catalogue: the API did not start" >&2; cat "$WORK/api-$1.log" >&2; exit 1
}

# The list paths plus two keyset pages whose cursors come from live first pages.
cursor_path() { # $1 = sort
  local c
  c=$(curl -fs "$BASE/api/v1/games?sort=$1" | python3 -c 'import sys,json;print(json.load(sys.stdin)["next_cursor"])')
  echo "/api/v1/games?sort=$1&cursor=$c"
}

# $1 = label, $2 = paths file, $3 = expected x-cache value of a first-hit path after warm-up
run_wrk() {
  local first
  first=$(grep -v '^#' "$2" | head -1)
  echo "-- $1: x-cache of $first = $(curl -fs -o /dev/null -D - "$BASE$first" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache"{print $2}') (want $3)"
  wrk -t2 -c32 -d"$DURATION" --latency -s benches/catalogue/urls.lua "$BASE" -- "$2" \
    | grep -E "RESULT|Requests/sec|Non-2xx|requests in" | sed "s/^/   /"
}

warm_up() { # every path once, so the warm run only hits the cache
  grep -v '^#' "$1" | while read -r p; do curl -fs -o /dev/null "$BASE$p"; done
}

for MODE in cold warm; do
  clear_redis
  start_api $MODE
  [ $MODE = warm ] || redis-cli -h 127.0.0.1 SET "${PREFIX}catalogue:gen" 0.5 >/dev/null
  grep -v '^#' benches/catalogue/list-paths.txt > "$WORK/list.txt"
  { cursor_path new; cursor_path popular; } >> "$WORK/list.txt"
  grep -v '^#' benches/catalogue/search-paths.txt > "$WORK/search.txt"
  if [ $MODE = cold ]; then
    label="cache cold (every request a miss)"; want=miss
  else
    label="cache warm (TTL 60 s, after a warm-up pass)"; want=hit
    warm_up "$WORK/list.txt"; warm_up "$WORK/search.txt"
  fi
  echo "== GET /api/v1/games list pages ($(wc -l < "$WORK/list.txt") paths), $label, wrk -t2 -c32 -d$DURATION"
  run_wrk list "$WORK/list.txt" $want
  echo "== GET /api/v1/games?q= search ($(wc -l < "$WORK/search.txt") queries), $label, wrk -t2 -c32 -d$DURATION"
  run_wrk search "$WORK/search.txt" $want
  [ $MODE = warm ] || stop_api
done

echo "== query plans -> benches/catalogue/plans.txt"
psql "$AIMINI_DATABASE_URL" -X -f benches/catalogue/plans.sql > benches/catalogue/plans.txt
grep -E "^###|Execution Time|using games_|on games_" benches/catalogue/plans.txt | sed "s/^/   /"
echo "-- mean execution time over 20 runs of each query (EXPLAIN ANALYZE, buffers warm):"
for i in $(seq 1 20); do psql "$AIMINI_DATABASE_URL" -X -f benches/catalogue/plans.sql; done \
  | awk '/^###/{q=$0} /Execution Time/{s[q]+=$3; n[q]++} END{for (q in s) printf "   %-60s %7.2f ms\n", q, s[q]/n[q]}' | sort

echo "== 10 MB multipart upload, POST /api/v1/games x5 (API with the warm cache, after the load runs)"
mkdir -p "$WORK/pkg/assets"
cp prompts/templates/dodger/logic.js "$WORK/pkg/"
python3 -c "import json,sys; print(json.dumps({'params': json.load(open(sys.argv[1])), 'controls': 'arrows'}))" \
  prompts/templates/dodger/example.json > "$WORK/pkg/metadata.json"
# Incompressible, like real audio: the zip is about as large as the asset.
head -c 10200000 /dev/urandom > "$WORK/pkg/assets/music.ogg"
(cd "$WORK/pkg" && zip -q -r "$WORK/game.zip" logic.js metadata.json assets)
echo "   zip: $(stat -c %s "$WORK/game.zip") bytes (upload limit 10485760 for the body)"
TOKEN=$(curl -fs -X POST $BASE/api/v1/auth/register -H 'content-type: application/json' \
  -d '{"username":"bench_uploader","email":"uploader@bench.example","password":"benchmark passphrase"}' \
  | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
rss() { awk -v k="$1:" '$1==k{print $2}' /proc/$API_PID/status; }
echo "   API before: VmRSS $(rss VmRSS) kB, VmHWM $(rss VmHWM) kB"
RSS0=$(rss VmRSS); echo "$RSS0" > "$WORK/peak"
( peak=0; while kill -0 $API_PID 2>/dev/null; do
    r=$(awk '$1=="VmRSS:"{print $2}' /proc/$API_PID/status 2>/dev/null || echo 0)
    [ "${r:-0}" -gt "$peak" ] && { peak=$r; echo "$peak" > "$WORK/peak"; }
    sleep 0.02
  done ) & SAMPLER=$!
for i in 1 2 3 4 5; do
  curl -s -o "$WORK/up$i.json" -w "   upload $i: HTTP %{http_code}, %{size_upload} bytes, %{time_total} s\n" \
    -H "Authorization: Bearer $TOKEN" \
    -F "metadata={\"title\":\"Big Dodger $i\",\"category\":\"action\",\"difficulty\":\"easy\",\"tags\":[\"bench\"]};type=application/json" \
    -F "package=@$WORK/game.zip;type=application/zip" $BASE/api/v1/games
done
sleep 0.2
kill $SAMPLER 2>/dev/null || true; wait $SAMPLER 2>/dev/null || true; SAMPLER=""
RSS1=$(rss VmRSS)
echo "   API after: VmRSS $RSS1 kB, VmHWM $(rss VmHWM) kB, sampled peak $(cat "$WORK/peak") kB"
echo "   growth: after - before $(( (RSS1 - RSS0) / 1024 )) MiB, peak - before $(( ($(cat "$WORK/peak") - RSS0) / 1024 )) MiB"
head -c 300 "$WORK/up1.json"; echo
