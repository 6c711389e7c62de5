-- The games catalogue: review state, versions, plays and scores, trending, and the indexes that make
-- list pages and search index scans.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- 'pending': uploaded, its first version still being validated (only its owner sees it).
ALTER TABLE games DROP CONSTRAINT games_status_check;
ALTER TABLE games ADD CONSTRAINT games_status_check
    CHECK (status IN ('pending', 'active', 'moderated', 'deleted'));

ALTER TABLE games
    -- The automatic review of the live content: a game is listed only once it is 'approved', and
    -- every change of what players see (new version, new texts) sets it back to 'pending'.
    ADD COLUMN review      varchar(20)      NOT NULL DEFAULT 'pending',
    -- The live version (game_versions.version); game_data is that version's package.
    ADD COLUMN version     integer          NOT NULL DEFAULT 1,
    -- log(sum over counted plays of exp(t / tau)), t in seconds since 2026-01-01, tau = one day:
    -- an exponentially decayed play count that never needs rewriting, so "trending" is an index
    -- scan. Two games compare as their decayed counts at any common instant.
    ADD COLUMN trend_score double precision NOT NULL DEFAULT 0,
    ADD COLUMN deleted_at  timestamptz,
    -- When the deleted game's objects were removed from storage (after the retention period).
    ADD COLUMN purged_at   timestamptz,
    ADD CONSTRAINT games_review_check CHECK (review IN ('pending', 'approved', 'rejected')),
    ADD CONSTRAINT games_version_positive CHECK (version >= 1),
    ADD CONSTRAINT games_deleted_at_status CHECK ((status = 'deleted') = (deleted_at IS NOT NULL));

-- Games that existed before: their last automatic review decides (none yet: pending).
UPDATE games g SET review = coalesce((
    SELECT CASE m.status WHEN 'approved' THEN 'approved' WHEN 'rejected' THEN 'rejected' ELSE 'pending' END
    FROM content_moderation m
    WHERE m.content_type = 'game' AND m.content_id = g.id
    ORDER BY m.created_at DESC LIMIT 1), 'pending');

-- The one definition of "anyone may find and play this game".
ALTER TABLE games ADD COLUMN listed boolean
    GENERATED ALWAYS AS (is_public AND status = 'active' AND review = 'approved') STORED;

DROP INDEX games_public_status_idx;
DROP INDEX games_category_idx;
-- One partial index per sort order of the public lists (keyset pagination walks them in order).
CREATE INDEX games_listed_new_idx ON games (created_at DESC, id DESC) WHERE listed;
CREATE INDEX games_listed_popular_idx ON games (play_count DESC, id DESC) WHERE listed;
CREATE INDEX games_listed_top_idx ON games (rating DESC, rating_count DESC, id DESC) WHERE listed;
CREATE INDEX games_listed_trending_idx ON games (trend_score DESC, id DESC) WHERE listed;
CREATE INDEX games_listed_category_idx ON games (category, created_at DESC, id DESC) WHERE listed;
CREATE INDEX games_listed_featured_idx ON games (created_at DESC, id DESC) WHERE listed AND is_featured;
-- Typo tolerance: trigram word similarity against titles.
CREATE INDEX games_title_trgm_idx ON games USING gin (lower(title) gin_trgm_ops);
CREATE INDEX games_deleted_purge_idx ON games (deleted_at) WHERE status = 'deleted' AND purged_at IS NULL;

-- versions ------------------------------------------------------------------------------------------
-- Every generation, regeneration, upload, edit, restore and fork is a version. Objects are immutable
-- and versions reference them by key (game_data.files), so a restore copies no bytes.
CREATE TABLE game_versions (
    game_id       uuid        NOT NULL,
    version       integer     NOT NULL,
    source        varchar(20) NOT NULL,
    -- 'validating': waiting for the worker's smoke test; only 'ready' versions ever go live.
    state         varchar(20) NOT NULL DEFAULT 'ready',
    game_data     jsonb       NOT NULL,
    restored_from integer,
    error_message text,
    created_by    uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    validated_at  timestamptz,
    CONSTRAINT game_versions_pkey PRIMARY KEY (game_id, version),
    CONSTRAINT game_versions_game_id_fkey FOREIGN KEY (game_id) REFERENCES games (id) ON DELETE CASCADE,
    CONSTRAINT game_versions_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT game_versions_source_check
        CHECK (source IN ('generation', 'regeneration', 'upload', 'edit', 'restore', 'fork')),
    CONSTRAINT game_versions_state_check CHECK (state IN ('validating', 'ready', 'failed')),
    CONSTRAINT game_versions_version_positive CHECK (version >= 1),
    CONSTRAINT game_versions_game_data_object CHECK (jsonb_typeof(game_data) = 'object')
);
CREATE INDEX game_versions_validating_idx ON game_versions (created_at) WHERE state = 'validating';

INSERT INTO game_versions (game_id, version, source, state, game_data, created_by, created_at, validated_at)
SELECT id, 1, 'generation', 'ready', game_data, creator_id, created_at, created_at FROM games;

-- plays and scores ----------------------------------------------------------------------------------
-- Counted plays only: a play by the same player within the de-duplication window is not stored.
CREATE TABLE game_plays (
    id         bigint      GENERATED ALWAYS AS IDENTITY,
    game_id    uuid        NOT NULL,
    user_id    uuid,
    -- 'u:<user id>' for signed-in players, 'a:<hash of address and user agent>' for anonymous ones.
    player_key varchar(80) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT game_plays_pkey PRIMARY KEY (id),
    CONSTRAINT game_plays_game_id_fkey FOREIGN KEY (game_id) REFERENCES games (id) ON DELETE CASCADE,
    CONSTRAINT game_plays_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX game_plays_player_idx ON game_plays (game_id, player_key, created_at DESC);

-- Best score per signed-in player. Scores come from the player page, so they are claims, not facts:
-- bounded here and rate-limited at the API.
CREATE TABLE game_scores (
    game_id     uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    best_score  bigint      NOT NULL,
    submissions integer     NOT NULL DEFAULT 1,
    achieved_at timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT game_scores_pkey PRIMARY KEY (game_id, user_id),
    CONSTRAINT game_scores_game_id_fkey FOREIGN KEY (game_id) REFERENCES games (id) ON DELETE CASCADE,
    CONSTRAINT game_scores_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT game_scores_range CHECK (best_score BETWEEN 0 AND 1000000000 AND submissions >= 1)
);
CREATE INDEX game_scores_board_idx ON game_scores (game_id, best_score DESC, achieved_at);
CREATE TRIGGER game_scores_set_updated_at BEFORE UPDATE ON game_scores
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
