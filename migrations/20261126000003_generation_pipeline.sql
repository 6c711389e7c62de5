-- The generation pipeline keeps every request's truth in Postgres: the queue (apalis on Redis) only
-- carries ids and may lose, duplicate or delay them. A worker claims a request with one UPDATE that
-- also takes a lease; a reconciler re-enqueues requests whose lease lapsed or that never got picked up.

ALTER TABLE ai_generation_requests
    ADD COLUMN engine_requested varchar(10) NOT NULL DEFAULT 'auto',
    ADD COLUMN difficulty       varchar(20),
    ADD COLUMN engine           varchar(20),
    ADD COLUMN model            varchar(100),
    ADD COLUMN route_reason     varchar(300),
    ADD COLUMN stage            varchar(30) NOT NULL DEFAULT 'queued',
    ADD COLUMN attempts         integer     NOT NULL DEFAULT 0,
    ADD COLUMN max_attempts     integer     NOT NULL DEFAULT 3,
    ADD COLUMN lease_until      timestamptz,
    ADD COLUMN enqueued_at      timestamptz,
    ADD COLUMN started_at       timestamptz,
    ADD COLUMN processing_ms    integer,
    ADD COLUMN error_code       varchar(50),
    ADD COLUMN idempotency_key  varchar(200),
    ADD COLUMN request_hash     bytea,
    ADD CONSTRAINT ai_generation_requests_engine_requested_check
        CHECK (engine_requested IN ('auto', 'local', 'openai')),
    ADD CONSTRAINT ai_generation_requests_engine_check
        CHECK (engine IS NULL OR engine IN ('local', 'openai', 'template')),
    ADD CONSTRAINT ai_generation_requests_difficulty_check
        CHECK (difficulty IS NULL OR difficulty IN ('easy', 'medium', 'hard')),
    ADD CONSTRAINT ai_generation_requests_stage_check
        CHECK (stage IN ('queued', 'routing', 'generating', 'validating', 'storing', 'done', 'failed')),
    ADD CONSTRAINT ai_generation_requests_attempts_range
        CHECK (attempts >= 0 AND max_attempts BETWEEN 1 AND 20),
    ADD CONSTRAINT ai_generation_requests_idempotency_key_length
        CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 1 AND 200);

-- Same key from the same user means the same request.
CREATE UNIQUE INDEX ai_generation_requests_idempotency_key
    ON ai_generation_requests (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- The reconciler's scan: open requests by lease/enqueue time.
CREATE INDEX ai_generation_requests_lease_idx
    ON ai_generation_requests (lease_until) WHERE status = 'processing';
CREATE INDEX ai_generation_requests_pending_idx
    ON ai_generation_requests (enqueued_at) WHERE status = 'pending';
