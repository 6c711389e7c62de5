#!/usr/bin/env bash
# Regenerate .sqlx/ (the offline query data that lets every build check SQL without a database):
# migrate a scratch database, then compile the workspace online with SQLX_OFFLINE_DIR set, which makes
# the query macros write one file per query. Needs no sqlx-cli. Run it after changing a query or a
# migration, and commit .sqlx/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aimini/target}"
ADMIN_URL="${AIMINI_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
# Unique per run, so two checkouts can regenerate side by side.
SCRATCH="aimini_sqlx_prepare_$$"

AIMINI_SKIP_S3=1 bash scripts/services.sh
psql "$ADMIN_URL" -Xq -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $SCRATCH WITH (FORCE)" -c "CREATE DATABASE $SCRATCH"
DATABASE_URL="${ADMIN_URL%/*}/$SCRATCH"
for f in migrations/*.sql; do
    psql "$DATABASE_URL" -Xq -v ON_ERROR_STOP=1 -f "$f"
done

rm -rf .sqlx && mkdir .sqlx
# Touch every crate with queries so the macros run again.
find models api worker tests -name '*.rs' -exec touch {} +
SQLX_OFFLINE=false SQLX_OFFLINE_DIR="$PWD/.sqlx" DATABASE_URL="$DATABASE_URL" \
    cargo check --workspace --all-targets --quiet
psql "$ADMIN_URL" -Xq -c "DROP DATABASE IF EXISTS $SCRATCH WITH (FORCE)"
echo "sqlx-prepare: $(ls .sqlx | wc -l) queries in .sqlx/"
