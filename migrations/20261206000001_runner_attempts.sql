-- Runs of untrusted game code are counted, so a version that keeps stopping its runner (a worker
-- killed mid-run, a job past its timeout) is failed for good instead of being re-queued forever,
-- and a validation in progress holds a lease so duplicate deliveries do not run it twice at once.
ALTER TABLE game_versions
    ADD COLUMN validation_attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN validation_started_at timestamptz,
    ADD COLUMN thumbnail_attempts integer NOT NULL DEFAULT 0;
