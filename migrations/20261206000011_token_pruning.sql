-- The worker deletes sign-in tokens a week after they died (expired, revoked or used); these indexes
-- keep that scan cheap on every reconciler pass.
CREATE INDEX refresh_tokens_revoked_at_idx ON refresh_tokens (revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX password_reset_tokens_expires_at_idx ON password_reset_tokens (expires_at);
CREATE INDEX password_reset_tokens_used_at_idx ON password_reset_tokens (used_at) WHERE used_at IS NOT NULL;
