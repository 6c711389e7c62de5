#!/usr/bin/env bash
# A tour of the catalogue as a new user takes it, against a running API and worker (for example
# `bash scripts/run.sh` in one terminal and `aimini-worker run` with the same AIMINI_* settings in
# another): register two users, upload a zipped game, wait for validation, review and thumbnail,
# find it by search (and by a typo), play it, score, rate, fork it, edit the fork, restore the
# fork's first version, fetch the asset links and the leaderboard. Prints what each step answered.
#   AIMINI_API=http://127.0.0.1:8080 bash scripts/catalogue-tour.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
B="${AIMINI_API:-http://127.0.0.1:8080}/api/v1"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
j() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
reg() { curl -s -X POST $B/auth/register -H 'content-type: application/json' -d "{\"username\":\"$1\",\"email\":\"$1@example.com\",\"password\":\"correct horse battery staple 42\"}" | j 'd["access_token"]'; }
U=walk_$RANDOM; A=$(reg ${U}a); BT=$(reg ${U}b)
PARAMS=$(python3 -c 'import json;print(json.dumps(json.load(open("prompts/templates/snake/example.json"))))')
rm -rf "$WORK"/pkg "$WORK"/pkg.zip; mkdir -p "$WORK"/pkg/assets && cp prompts/templates/snake/logic.js "$WORK"/pkg/ && head -c 2000 /dev/urandom > "$WORK"/pkg/assets/noise.png && (cd "$WORK"/pkg && zip -qr ../pkg.zip logic.js assets)
echo "1. upload (multipart zip)"
G=$(curl -s -X POST $B/games -H "authorization: Bearer $A" -F "metadata={\"title\":\"Starlight Serpent $U\",\"description\":\"A snake that eats stars\",\"category\":\"arcade\",\"tags\":[\"snake\",\"space\"],\"params\":$PARAMS};type=application/json" -F "package=@"$WORK"/pkg.zip;type=application/zip" | j 'd["id"]+" "+d["status"]+" "+str(d["pending_version"])')
echo "   $G"; G=${G%% *}
for i in $(seq 1 40); do L=$(curl -s $B/games/$G -H "authorization: Bearer $A" | j 'str(d["listed"])+" "+d["status"]+" "+d["review"]+" thumb="+str(bool(d["thumbnail"]))'); case "$L" in True*thumb=True) break;; esac; sleep 0.5; done; echo "   after validation and review: $L"
echo "2. search"; curl -s "$B/games?q=starlight%20serpent" | j '[i["title"] for i in d["items"]]'
echo "   typo:"; curl -s "$B/games?q=starlite%20serpnt" | j '[i["title"] for i in d["items"]][:3]'
echo "3. play (anonymous, with the player page's session and visitor cookie) twice, and with a score"
JAR="$WORK"/cookies; ROOT="${AIMINI_API:-http://127.0.0.1:8080}"
for n in 1 2; do
  PS=$(curl -s -c "$JAR" -b "$JAR" "$ROOT/play/$G" | python3 -c 'import re,sys; print(re.search(r"data-play-session=\"([^\"]+)\"", sys.stdin.read()).group(1))')
  curl -s -X POST $B/games/$G/play -H 'content-type: application/json' -d "{\"play_session\":\"$PS\"}"; echo
done
curl -s -X POST $B/games/$G/play -H "authorization: Bearer $BT" -H 'content-type: application/json' -d '{"score": 420}'; echo
echo "4. rate"; curl -s -X POST $B/games/$G/rate -H "authorization: Bearer $BT" -H 'content-type: application/json' -d '{"stars":5}'; echo
echo "5. fork"; F=$(curl -s -X POST $B/games/$G/fork -H "authorization: Bearer $BT" | j 'd["id"]+" lineage="+str(d["lineage"])'); echo "   $F"; F=${F%% *}
echo "6. edit the fork (new code)"; LOGIC=$(python3 -c 'import json;print(json.dumps(open("prompts/templates/breakout/logic.js").read()))')
curl -s -X PUT $B/games/$F -H "authorization: Bearer $BT" -H 'content-type: application/json' -d "{\"title\":\"Serpent Remix\",\"logic\":$LOGIC,\"params\":{}}" | j '"live v"+str(d["version"])+" pending "+str(d["pending_version"])'
for i in $(seq 1 40); do V=$(curl -s $B/games/$F -H "authorization: Bearer $BT" | j 'd["version"]'); [ "$V" = 2 ] && break; sleep 0.5; done; echo "   live version now $V"
echo "7. versions, restore v1"; curl -s $B/games/$F/versions -H "authorization: Bearer $BT" | j '[(v["version"],v["source"],v["state"],v["live"]) for v in d["items"]]'
curl -s -X POST $B/games/$F/versions/1/restore -H "authorization: Bearer $BT" | j '(d["version"],d["source"],d["restored_from"],d["live"])'
echo "8. assets of the original (anonymous)"; curl -s $B/games/$G/assets | j '[(f["name"],f["url"][:60]) for f in d["files"]]'
U1=$(curl -s $B/games/$G/assets | j '[f["url"] for f in d["files"] if f["name"]=="logic.js"][0]'); curl -s -o /dev/null -w "   logic.js via signed link: %{http_code}\n" "$U1"
echo "9. leaderboard"; curl -s $B/games/$G/leaderboard | j 'd["entries"]'
echo "10. details"; curl -s $B/games/$G | j '{k:d[k] for k in ["play_count","rating","fork_count","version","listed"]}'
