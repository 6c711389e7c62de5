-- The token ledger becomes a reservation ledger, so concurrent requests of one user can never spend
-- more than the monthly budget: before an OpenAI call the worker reserves tokens (under a lock on the
-- user's row), caps the call's output to the reservation, then settles the row to the real usage or
-- releases it. One row per (request, purpose): a job delivered twice reuses its row instead of
-- charging again.

ALTER TABLE ai_token_usage
    ADD COLUMN purpose         varchar(20) NOT NULL DEFAULT 'generate',
    ADD COLUMN status          varchar(10) NOT NULL DEFAULT 'settled',
    ADD COLUMN reserved_tokens integer     NOT NULL DEFAULT 0,
    -- What counts against the budget: a live reservation in full; a settled row its real usage, but
    -- never more than was reserved (a provider over-run is the operator's loss, not the user's); a
    -- released row nothing. Rows written without a reservation count their real usage.
    ADD COLUMN charged_tokens  integer GENERATED ALWAYS AS (
        CASE status
            WHEN 'reserved' THEN reserved_tokens
            WHEN 'released' THEN 0
            ELSE CASE WHEN reserved_tokens > 0
                      THEN LEAST(prompt_tokens + completion_tokens, reserved_tokens)
                      ELSE prompt_tokens + completion_tokens END
        END) STORED,
    ADD CONSTRAINT ai_token_usage_status_check CHECK (status IN ('reserved', 'settled', 'released')),
    ADD CONSTRAINT ai_token_usage_purpose_format CHECK (purpose ~ '^[a-z_]{1,20}$'),
    ADD CONSTRAINT ai_token_usage_reserved_non_negative CHECK (reserved_tokens >= 0);

CREATE UNIQUE INDEX ai_token_usage_request_purpose_key
    ON ai_token_usage (request_id, purpose) WHERE request_id IS NOT NULL;
