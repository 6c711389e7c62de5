#!/usr/bin/env bash
# The TypeScript client in clients/ts/: its npm packages, its generated files and its build.
#
#   scripts/ts-client.sh refresh   regenerate clients/ts/openapi.json (from `aimini-api openapi`) and
#                                  clients/ts/src/schema.d.ts (from it), then build; commit the result
#   scripts/ts-client.sh check     fail if either generated file differs from what the API makes now
#                                  (CI: scripts/test.sh), then build
#   scripts/ts-client.sh build     install the packages and compile src/ into dist/ (strict type-check)
#
# The packages are installed once per package-lock.json into ~/.cache/aimini/ts-client/<hash>/ with
# `npm ci` (exact versions, registry only) and clients/ts/node_modules links there, so CI reinstalls
# only when the lock changes and worktrees share one copy.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
CLIENT=clients/ts
REFRESH_CMD="bash scripts/ts-client.sh refresh"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aimini/target}"
export SQLX_OFFLINE=true

die() { echo "ts-client.sh: error: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || die "node is not installed (the client needs Node.js 18 or newer)"
command -v npm >/dev/null 2>&1 || die "npm is not installed"

install_packages() {
    local root="$HOME/.cache/aimini/ts-client" hash dir tmp
    hash="$(cat "$CLIENT/package.json" "$CLIENT/package-lock.json" | sha256sum | cut -c1-16)"
    dir="$root/$hash"
    mkdir -p "$root"
    if [[ ! -f "$dir/.installed" ]]; then
        echo "installing the client's npm packages into $dir"
        # Installed aside and renamed into place, so a concurrent run never sees half a tree.
        tmp="$(mktemp -d "$root/.tmp.XXXXXX")"
        cp "$CLIENT/package.json" "$CLIENT/package-lock.json" "$tmp/"
        if ! npm ci --prefix "$tmp" --no-audit --no-fund --loglevel=error >&2; then
            rm -rf "$tmp"
            die "npm ci failed for $CLIENT/package-lock.json"
        fi
        touch "$tmp/.installed"
        mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
    fi
    touch "$dir"
    # Trees of locks nobody has used for a month.
    find "$root" -mindepth 1 -maxdepth 1 -type d -mtime +30 -exec rm -rf {} + 2>/dev/null || true
    # A real directory here is an earlier `npm install` in clients/ts: derived, so it is replaced.
    if [[ -d "$CLIENT/node_modules" && ! -L "$CLIENT/node_modules" ]]; then
        rm -rf "$CLIENT/node_modules"
    fi
    ln -sfn "$dir/node_modules" "$CLIENT/node_modules"
}

# The document as the API code describes it, with no AIMINI_* setting of this shell: a few values
# (upload and avatar limits) reach the document, and the committed one must not depend on whoever
# generated it.
write_openapi() {
    local out="$1"
    cargo build -q -p aimini-api
    (
        for v in $(compgen -e); do
            [[ "$v" == AIMINI_* ]] && unset "$v"
        done
        "$CARGO_TARGET_DIR/debug/aimini-api" openapi
    ) >"$out" || die "aimini-api openapi failed"
}

# --empty-objects-unknown: free-form objects (generation `parameters`, error `details`) are documented as
# `type: object` without properties, which would otherwise become `Record<string, never>` and refuse
# every key.
write_schema() {
    local spec="$1" out="$2"
    "$CLIENT/node_modules/.bin/openapi-typescript" "$spec" --empty-objects-unknown --output "$out" \
        || die "openapi-typescript failed on $spec"
}

build() {
    rm -rf "$CLIENT/dist"
    # tsconfig.json is strict with noEmitOnError: any type error fails here and emits nothing.
    "$CLIENT/node_modules/.bin/tsc" -p "$CLIENT" || die "the client does not type-check (tsc -p $CLIENT)"
    echo "built $CLIENT/dist"
}

# Fails with the diff's start and the one command that fixes it.
compare() {
    local committed="$1" fresh="$2" what="$3"
    if ! cmp -s "$committed" "$fresh"; then
        echo "---- $committed differs from $what (first lines of the diff) ----" >&2
        diff -u "$committed" "$fresh" | head -n 40 >&2 || true
        die "$committed is out of date with $what: run \`$REFRESH_CMD\` and commit the result"
    fi
}

case "${1:-}" in
    refresh)
        install_packages
        write_openapi "$CLIENT/openapi.json"
        write_schema "$CLIENT/openapi.json" "$CLIENT/src/schema.d.ts"
        echo "wrote $CLIENT/openapi.json and $CLIENT/src/schema.d.ts"
        build
        ;;
    check)
        install_packages
        tmp="$(mktemp -d)"
        trap 'rm -rf "$tmp"' EXIT
        write_openapi "$tmp/openapi.json"
        compare "$CLIENT/openapi.json" "$tmp/openapi.json" "the API's document (aimini-api openapi)"
        write_schema "$CLIENT/openapi.json" "$tmp/schema.d.ts"
        compare "$CLIENT/src/schema.d.ts" "$tmp/schema.d.ts" "what openapi-typescript makes of openapi.json"
        echo "$CLIENT/openapi.json and src/schema.d.ts are up to date"
        build
        ;;
    build)
        install_packages
        build
        ;;
    *)
        echo "usage: scripts/ts-client.sh refresh|check|build" >&2
        exit 2
        ;;
esac
