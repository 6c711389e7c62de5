#!/usr/bin/env bash
# Make sure the services the tests talk to are up: PostgreSQL and Redis on 127.0.0.1
# (started by the machine; restarted here with the same commands if they stopped) and the
# local S3 server (scripts/s3-server.sh).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

WAIT_S="${AIMINI_SERVICES_WAIT_S:-30}"

log() { echo "services: $*" >&2; }
die() { log "error: $*"; exit 1; }

# wait_for NAME CHECK...: run CHECK until it succeeds, at most WAIT_S seconds.
wait_for() {
    local name="$1"; shift
    local deadline=$((SECONDS + WAIT_S))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || die "$name did not become ready within ${WAIT_S}s"
        sleep 0.5
    done
    log "$name is ready"
}

pg_ok() { pg_isready -q -h 127.0.0.1 -p 5432; }
redis_ok() { [[ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" == "PONG" ]]; }

# PostgreSQL
if pg_ok; then
    log "postgres is ready"
else
    command -v pg_ctlcluster >/dev/null || die "postgres is not answering on 127.0.0.1:5432 and pg_ctlcluster is missing"
    log "postgres is not answering on 127.0.0.1:5432; starting it"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start \
        || log "pg_ctlcluster start returned an error (it may already be starting)"
    wait_for postgres pg_ok
fi

# Redis
if redis_ok; then
    log "redis is ready"
else
    command -v redis-server >/dev/null || die "redis is not answering on 127.0.0.1:6379 and redis-server is missing"
    log "redis is not answering on 127.0.0.1:6379; starting it"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/ci.log \
        || die "redis-server failed to start (see /var/log/redis/ci.log)"
    wait_for redis redis_ok
fi

# S3 (SeaweedFS); scripts/run.sh uses local storage and skips it.
if [[ -z "${AIMINI_SKIP_S3:-}" ]]; then
    bash scripts/s3-server.sh start
fi
