-- E-mail verification. A local registration starts unverified (`users.is_verified`) and proves its
-- address by following a mailed link; only then may a social login with that address link to it
-- (see README "Security notes"). Tokens are random, stored as SHA-256, single use, short-lived and
-- bound to the address they were sent to.
CREATE TABLE email_verification_tokens (
    id         uuid         NOT NULL DEFAULT gen_random_uuid(),
    user_id    uuid         NOT NULL,
    email      varchar(255) NOT NULL,
    token_hash bytea        NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now(),
    expires_at timestamptz  NOT NULL,
    used_at    timestamptz,
    CONSTRAINT email_verification_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT email_verification_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT email_verification_tokens_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT email_verification_tokens_hash_length CHECK (octet_length(token_hash) = 32),
    CONSTRAINT email_verification_tokens_expiry_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX email_verification_tokens_user_id_idx ON email_verification_tokens (user_id)
    WHERE used_at IS NULL;
-- For pruning dead tokens (the worker deletes them a week after they expired or were used).
CREATE INDEX email_verification_tokens_expires_at_idx ON email_verification_tokens (expires_at);
CREATE INDEX email_verification_tokens_used_at_idx ON email_verification_tokens (used_at)
    WHERE used_at IS NOT NULL;
