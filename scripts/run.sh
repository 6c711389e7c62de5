#!/usr/bin/env bash
# Run the aimini API locally on embedded defaults: local storage (.local/storage), mail written to
# .local/outbox, no OpenAI key. Starts Postgres/Redis if they are down, creates and migrates the
# `aimini` database, then serves on http://127.0.0.1:8080 (docs at /docs). Ctrl-C stops it.
# Any AIMINI_* variable you export overrides the defaults (see .env.example).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aimini/target}"
export SQLX_OFFLINE=true
export AIMINI_DATABASE_URL="${AIMINI_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/aimini}"

AIMINI_SKIP_S3=1 bash scripts/services.sh

# Create the database if it is missing (psql against the server's maintenance database).
admin_url="${AIMINI_DATABASE_URL%/*}/postgres"
db_name="${AIMINI_DATABASE_URL##*/}"
db_name="${db_name%%\?*}"
if ! psql "$admin_url" -Xtqc "SELECT 1 FROM pg_database WHERE datname = '$db_name'" | grep -q 1; then
    echo "run: creating database $db_name"
    psql "$admin_url" -Xqc "CREATE DATABASE \"$db_name\""
fi

# A JWT key that survives restarts (sessions stay valid), kept out of git under .local/.
mkdir -p .local
if [[ -z "${AIMINI_JWT_SECRET:-}" ]]; then
    if [[ ! -s .local/jwt-secret ]]; then
        (umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n' > .local/jwt-secret)
    fi
    AIMINI_JWT_SECRET="$(cat .local/jwt-secret)"
    export AIMINI_JWT_SECRET
fi

exec cargo run -q -p aimini-api -- serve --migrate
