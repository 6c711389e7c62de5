-- Every change to what GET /ai/generation/{id} answers is announced on the channel
-- `generation_changed` (payload: the request id), whoever makes it: the API, a worker, the
-- reconciler, a moderator, a person in psql. API replicas LISTEN and drop their cached answer.
-- NOTIFY is sent at commit, and identical payloads in one transaction are sent once.

CREATE FUNCTION notify_generation_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('generation_changed', OLD.id::text);
    ELSE
        PERFORM pg_notify('generation_changed', NEW.id::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ai_generation_requests_notify_changed
    AFTER UPDATE OR DELETE ON ai_generation_requests
    FOR EACH ROW EXECUTE FUNCTION notify_generation_changed();

-- The answer includes the game's latest automatic review, so a review written or changed announces
-- every request that made (a version of) that game.
CREATE FUNCTION notify_game_review_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.content_type = 'game' THEN
        PERFORM pg_notify('generation_changed', r.id::text)
        FROM ai_generation_requests r
        WHERE r.result_game_id = NEW.content_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER content_moderation_notify_game
    AFTER INSERT OR UPDATE ON content_moderation
    FOR EACH ROW EXECUTE FUNCTION notify_game_review_changed();

-- The lookup above, and "the generations of this game", without a scan of every request.
CREATE INDEX ai_generation_requests_result_game_idx
    ON ai_generation_requests (result_game_id) WHERE result_game_id IS NOT NULL;
