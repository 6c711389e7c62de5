#!/usr/bin/env bash
# The project's test command (CI runs it through .ci/run):
#   services -> compose check -> fmt -> clean test DBs -> migrate dev DB -> content banks -> templates in Chromium ->
#   template translations ->
#   clippy -> TypeScript client (generated files current, built) -> schemathesis -> worker -> generation eval
#   -> tests
# Extra arguments are passed to the test runner, e.g. `scripts/test.sh -E 'test(auth)'` with
# nextest or `scripts/test.sh -- --nocapture` with cargo test.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n==> %s\n' "$*"; }
die() { echo "test.sh: error: $*" >&2; exit 1; }

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aimini/target}"
export SQLX_OFFLINE=true
if [[ -n "${CI:-}" ]]; then
    export CARGO_TERM_COLOR=never
fi

step "services (postgres, redis, s3)"
bash scripts/services.sh
eval "$(bash scripts/s3-server.sh env)"

step "local model weights (scripts/models.sh)"
AIMINI_MODELS_DIR="$(bash scripts/models.sh)"
export AIMINI_MODELS_DIR
# candle sizes its thread pool from RAYON_NUM_THREADS (it cannot be set from Rust without unsafe).
export RAYON_NUM_THREADS="${RAYON_NUM_THREADS:-${AIMINI_MODEL_THREADS:-1}}"

# Admin URL the test harness uses to create per-test databases, and the Redis URL.
export AIMINI_TEST_DATABASE_URL="${AIMINI_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export AIMINI_TEST_REDIS_URL="${AIMINI_TEST_REDIS_URL:-redis://127.0.0.1:6379}"
DEV_DATABASE_URL="postgres://postgres@127.0.0.1:5432/aimini"

step "validate docker-compose.yml"
if ! command -v docker-compose >/dev/null 2>&1; then
    echo "docker-compose not found; installing Debian's docker-compose (needs no Docker engine)"
    SUDO=()
    if [[ "$(id -u)" -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || die "docker-compose is missing and we are not root (no sudo)"
        SUDO=(sudo -n)
    fi
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
    command -v docker-compose >/dev/null 2>&1 || die "docker-compose install failed"
fi
docker-compose -f docker-compose.yml config -q
echo "docker-compose.yml is valid"

step "cargo fmt --check"
cargo fmt --all -- --check

step "drop leftover per-test databases (aimini_t_%)"
# Template databases (aimini_tpl_%) are kept on purpose: they are cached by migration hash.
psql "$AIMINI_TEST_DATABASE_URL" -X -q -v ON_ERROR_STOP=1 <<'SQL'
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', datname)
FROM pg_database
WHERE datname LIKE 'aimini\_t\_%'
\gexec
SQL

step "migrate dev database (aimini)"
psql "$AIMINI_TEST_DATABASE_URL" -X -q -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'CREATE DATABASE aimini'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'aimini')
\gexec
SQL
AIMINI_DATABASE_URL="$DEV_DATABASE_URL" cargo run -q -p aimini-api -- migrate

step "content banks (prompts/content/validate.py)"
python3 prompts/content/validate.py

step "game templates play in Chromium (prompts/runtime/check.mjs)"
# Debian's Chromium and playwright-core from npm, both installed once and cached.
if [[ ! -x /usr/bin/chromium ]]; then
    echo "installing Debian's chromium"
    SUDO=()
    [[ "$(id -u)" -ne 0 ]] && SUDO=(sudo -n)
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
NODE_CACHE="$HOME/.cache/aimini/node"
if [[ ! -d "$NODE_CACHE/node_modules/playwright-core" ]]; then
    npm install --no-save --no-audit --no-fund --silent --prefix "$NODE_CACHE" playwright-core@1
fi
PLAYWRIGHT_CORE="$NODE_CACHE/node_modules/playwright-core" node prompts/runtime/check.mjs

step "game texts in five languages (prompts/runtime/texts.mjs --check)"
node prompts/runtime/texts.mjs --check

step "sprite library (prompts/sprites/sheet.mjs --check)"
node prompts/sprites/sheet.mjs --check

step "cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings

step "TypeScript client (clients/ts): generated files up to date, strict build"
# npm packages from the lock, cached in ~/.cache/aimini/ts-client; fails with the refresh command when
# openapi.json or src/schema.d.ts differs from what the code makes now.
bash scripts/ts-client.sh check
export AIMINI_TS_CLIENT_SMOKE="$PWD/clients/ts/dist/smoke.js"

step "schemathesis for the API fuzz test (tests/tests/api_fuzz.rs)"
# From PyPI into its own venv, pinned and cached; reinstalled only when the pin changes.
SCHEMATHESIS_VERSION=4.32.5
ST_VENV="$HOME/.cache/aimini/schemathesis/venv"
if [[ ! -x "$ST_VENV/bin/st" || "$(cat "$ST_VENV/.aimini-version" 2>/dev/null || true)" != "$SCHEMATHESIS_VERSION" ]]; then
    echo "installing schemathesis==$SCHEMATHESIS_VERSION into $ST_VENV"
    rm -rf "$ST_VENV"
    python3 -m venv "$ST_VENV"
    "$ST_VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" \
        || die "pip install schemathesis==$SCHEMATHESIS_VERSION failed"
    echo "$SCHEMATHESIS_VERSION" >"$ST_VENV/.aimini-version"
fi
export AIMINI_SCHEMATHESIS="$ST_VENV/bin/st"

step "build the worker binary (tests run it as a child process and kill it)"
cargo build -p aimini-worker --bin aimini-worker

step "generation eval (prompts/evals/generation.yaml) against its thresholds"
# The offline route as `try` runs it (MiniLM + SmolLM2 + rules, the runner's smoke test): genre, theme,
# language and refusals of 170 labelled prompts; exits non-zero below the suite's thresholds.
"$CARGO_TARGET_DIR/debug/aimini-worker" eval prompts/evals/generation.yaml

if cargo nextest --version >/dev/null 2>&1; then
    step "tests (cargo nextest)"
    cargo nextest run --workspace --no-fail-fast "$@"
else
    step "tests (cargo test)"
    cargo test --workspace --no-fail-fast "$@"
fi

step "all checks passed"
