-- Account security tables the original design implies but leaves out.

-- Refresh tokens are opaque random strings; only their SHA-256 is stored. Each login starts a family;
-- each refresh consumes one token (used_at) and mints its successor in the same family. Presenting a
-- consumed token again means it was stolen (or replayed): the whole family is revoked.
CREATE TABLE refresh_tokens (
    id          uuid         NOT NULL DEFAULT gen_random_uuid(),
    user_id     uuid         NOT NULL,
    family_id   uuid         NOT NULL,
    token_hash  bytea        NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    expires_at  timestamptz  NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    replaced_by uuid,
    user_agent  varchar(300),
    CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT refresh_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT refresh_tokens_replaced_by_fkey FOREIGN KEY (replaced_by)
        REFERENCES refresh_tokens (id) ON DELETE SET NULL,
    CONSTRAINT refresh_tokens_hash_length CHECK (octet_length(token_hash) = 32),
    CONSTRAINT refresh_tokens_expiry_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expires_at_idx ON refresh_tokens (expires_at);

-- Password reset tokens: hashed, single use, short-lived.
CREATE TABLE password_reset_tokens (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id    uuid        NOT NULL,
    token_hash bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CONSTRAINT password_reset_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT password_reset_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT password_reset_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT password_reset_tokens_hash_length CHECK (octet_length(token_hash) = 32),
    CONSTRAINT password_reset_tokens_expiry_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX password_reset_tokens_user_id_idx ON password_reset_tokens (user_id) WHERE used_at IS NULL;

-- Social logins linked to a user. A provider identity belongs to one user; a user has at most one
-- identity per provider.
CREATE TABLE oauth_identities (
    id               uuid         NOT NULL DEFAULT gen_random_uuid(),
    user_id          uuid         NOT NULL,
    provider         varchar(50)  NOT NULL,
    provider_user_id varchar(255) NOT NULL,
    email            varchar(255),
    email_verified   boolean      NOT NULL DEFAULT false,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    last_login_at    timestamptz,
    CONSTRAINT oauth_identities_pkey PRIMARY KEY (id),
    CONSTRAINT oauth_identities_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT oauth_identities_provider_subject_key UNIQUE (provider, provider_user_id),
    CONSTRAINT oauth_identities_user_provider_key UNIQUE (user_id, provider),
    CONSTRAINT oauth_identities_provider_format CHECK (provider ~ '^[a-z0-9_-]{1,50}$')
);

-- Ledger of AI token usage: monthly quotas are sums over this table, never a mutable counter.
CREATE TABLE ai_token_usage (
    id                bigint       GENERATED ALWAYS AS IDENTITY,
    user_id           uuid         NOT NULL,
    request_id        uuid,
    engine            varchar(20)  NOT NULL,
    model             varchar(100) NOT NULL,
    prompt_tokens     integer      NOT NULL DEFAULT 0,
    completion_tokens integer      NOT NULL DEFAULT 0,
    total_tokens      integer      GENERATED ALWAYS AS (prompt_tokens + completion_tokens) STORED,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT ai_token_usage_pkey PRIMARY KEY (id),
    CONSTRAINT ai_token_usage_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ai_token_usage_request_id_fkey FOREIGN KEY (request_id)
        REFERENCES ai_generation_requests (id) ON DELETE SET NULL,
    CONSTRAINT ai_token_usage_engine_check CHECK (engine IN ('openai', 'local')),
    CONSTRAINT ai_token_usage_tokens_non_negative CHECK (prompt_tokens >= 0 AND completion_tokens >= 0)
);
CREATE INDEX ai_token_usage_user_month_idx ON ai_token_usage (user_id, created_at);
