-- aimini core schema: the eight tables of the original design, plus what they imply (roles, ratings).
-- Timestamps are timestamptz (the design's naive TIMESTAMP loses the zone across replicas).
-- Every enum-like column carries a named CHECK; every foreign key states its ON DELETE on purpose:
--   * user-owned content cascades when a user row is really deleted (accounts are normally soft-deleted);
--   * money records (purchases) RESTRICT, so sold games and listings can only be soft-deleted;
--   * audit trails (moderation, generation results) SET NULL.

CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

-- users ---------------------------------------------------------------------------------------------
CREATE TABLE users (
    id              uuid         NOT NULL DEFAULT gen_random_uuid(),
    username        varchar(50)  NOT NULL,
    email           varchar(255) NOT NULL,
    -- NULL for accounts created through OAuth that never set a password.
    password_hash   varchar(255),
    display_name    varchar(100),
    avatar_url      varchar(500),
    bio             varchar(500),
    website_url     varchar(300),
    is_verified     boolean      NOT NULL DEFAULT false,
    role            varchar(20)  NOT NULL DEFAULT 'user',
    -- Kept from the original design; derived so it can never disagree with the role (roles are
    -- ordered user < premium < moderator < admin, each including the benefits below it).
    is_premium      boolean      GENERATED ALWAYS AS (role IN ('premium', 'moderator', 'admin')) STORED,
    status          varchar(20)  NOT NULL DEFAULT 'active',
    -- Bumped to invalidate every access token of the user at once (password reset, logout everywhere,
    -- suspension, role change). Access tokens carry the version they were minted with.
    session_version integer      NOT NULL DEFAULT 0,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    last_login      timestamptz,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_username_format CHECK (username ~ '^[a-z0-9_]{3,50}$'),
    CONSTRAINT users_email_format CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    CONSTRAINT users_role_check CHECK (role IN ('user', 'premium', 'moderator', 'admin')),
    CONSTRAINT users_status_check CHECK (status IN ('active', 'suspended', 'deleted')),
    CONSTRAINT users_website_url_scheme CHECK (website_url IS NULL OR website_url ~ '^https?://')
);
CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE INDEX users_created_at_idx ON users (created_at DESC, id DESC);
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- games ---------------------------------------------------------------------------------------------
CREATE TABLE games (
    id            uuid          NOT NULL DEFAULT gen_random_uuid(),
    creator_id    uuid          NOT NULL,
    title         varchar(200)  NOT NULL,
    description   text,
    category      varchar(50)   NOT NULL,
    difficulty    varchar(20)   NOT NULL DEFAULT 'medium',
    game_data     jsonb         NOT NULL,
    thumbnail_url varchar(500),
    is_public     boolean       NOT NULL DEFAULT true,
    is_featured   boolean       NOT NULL DEFAULT false,
    play_count    integer       NOT NULL DEFAULT 0,
    rating        numeric(3,2)  NOT NULL DEFAULT 0.0,
    rating_count  integer       NOT NULL DEFAULT 0,
    fork_count    integer       NOT NULL DEFAULT 0,
    forked_from   uuid,
    tags          text[]        NOT NULL DEFAULT '{}',
    search_vector tsvector      NOT NULL DEFAULT ''::tsvector,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    status        varchar(20)   NOT NULL DEFAULT 'active',
    CONSTRAINT games_pkey PRIMARY KEY (id),
    CONSTRAINT games_creator_id_fkey FOREIGN KEY (creator_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT games_forked_from_fkey FOREIGN KEY (forked_from) REFERENCES games (id) ON DELETE SET NULL,
    CONSTRAINT games_title_not_blank CHECK (length(btrim(title)) > 0),
    CONSTRAINT games_category_check CHECK (category IN
        ('puzzle', 'action', 'strategy', 'word', 'math', 'memory', 'quiz', 'reaction', 'arcade', 'board')),
    CONSTRAINT games_difficulty_check CHECK (difficulty IN ('easy', 'medium', 'hard')),
    CONSTRAINT games_status_check CHECK (status IN ('active', 'moderated', 'deleted')),
    CONSTRAINT games_rating_range CHECK (rating >= 0 AND rating <= 5),
    CONSTRAINT games_counters_non_negative CHECK (play_count >= 0 AND rating_count >= 0 AND fork_count >= 0),
    CONSTRAINT games_game_data_object CHECK (jsonb_typeof(game_data) = 'object')
);
CREATE INDEX games_category_idx ON games (category);
CREATE INDEX games_creator_id_idx ON games (creator_id, created_at DESC);
CREATE INDEX games_tags_gin_idx ON games USING gin (tags);
CREATE INDEX games_public_status_idx ON games (is_public, status, created_at DESC);
CREATE INDEX games_created_at_idx ON games (created_at DESC, id DESC);
CREATE INDEX games_forked_from_idx ON games (forked_from) WHERE forked_from IS NOT NULL;
CREATE INDEX games_search_vector_idx ON games USING gin (search_vector);
CREATE TRIGGER games_set_updated_at BEFORE UPDATE ON games
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- A trigger rather than a generated column: array_to_string is only STABLE, so Postgres refuses it there.
CREATE OR REPLACE FUNCTION games_search_vector_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(array_to_string(NEW.tags, ' '), '')), 'B') ||
        setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
    RETURN NEW;
END;
$$;
CREATE TRIGGER games_search_vector_update BEFORE INSERT OR UPDATE OF title, description, tags ON games
    FOR EACH ROW EXECUTE FUNCTION games_search_vector_refresh();

-- One rating per user per game; games.rating/rating_count are maintained from here in the same transaction.
CREATE TABLE game_ratings (
    game_id    uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    stars      smallint    NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT game_ratings_pkey PRIMARY KEY (game_id, user_id),
    CONSTRAINT game_ratings_game_id_fkey FOREIGN KEY (game_id) REFERENCES games (id) ON DELETE CASCADE,
    CONSTRAINT game_ratings_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT game_ratings_stars_range CHECK (stars BETWEEN 1 AND 5)
);
CREATE INDEX game_ratings_user_id_idx ON game_ratings (user_id);
CREATE TRIGGER game_ratings_set_updated_at BEFORE UPDATE ON game_ratings
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- marketplace ---------------------------------------------------------------------------------------
CREATE TABLE marketplace_listings (
    id              uuid          NOT NULL DEFAULT gen_random_uuid(),
    game_id         uuid          NOT NULL,
    seller_id       uuid          NOT NULL,
    price           numeric(10,2) NOT NULL DEFAULT 0.0,
    sale_count      integer       NOT NULL DEFAULT 0,
    revenue         numeric(12,2) NOT NULL DEFAULT 0.0,
    commission_rate numeric(5,4)  NOT NULL DEFAULT 0.3,
    is_active       boolean       NOT NULL DEFAULT true,
    created_at      timestamptz   NOT NULL DEFAULT now(),
    updated_at      timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT marketplace_listings_pkey PRIMARY KEY (id),
    CONSTRAINT marketplace_listings_game_id_fkey FOREIGN KEY (game_id) REFERENCES games (id) ON DELETE CASCADE,
    CONSTRAINT marketplace_listings_seller_id_fkey FOREIGN KEY (seller_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT marketplace_listings_price_non_negative CHECK (price >= 0),
    CONSTRAINT marketplace_listings_commission_range CHECK (commission_rate >= 0 AND commission_rate <= 1),
    CONSTRAINT marketplace_listings_counters_non_negative CHECK (sale_count >= 0 AND revenue >= 0)
);
-- At most one active listing per game.
CREATE UNIQUE INDEX marketplace_listings_active_game_key ON marketplace_listings (game_id) WHERE is_active;
CREATE INDEX marketplace_listings_seller_id_idx ON marketplace_listings (seller_id);
CREATE INDEX marketplace_listings_active_created_idx ON marketplace_listings (created_at DESC) WHERE is_active;
CREATE TRIGGER marketplace_listings_set_updated_at BEFORE UPDATE ON marketplace_listings
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE game_purchases (
    id             uuid          NOT NULL DEFAULT gen_random_uuid(),
    -- SET NULL keeps the seller's sale record when a buyer account is erased.
    buyer_id       uuid,
    game_id        uuid          NOT NULL,
    listing_id     uuid          NOT NULL,
    amount_paid    numeric(10,2) NOT NULL,
    transaction_id varchar(100),
    purchase_date  timestamptz   NOT NULL DEFAULT now(),
    status         varchar(20)   NOT NULL DEFAULT 'completed',
    CONSTRAINT game_purchases_pkey PRIMARY KEY (id),
    CONSTRAINT game_purchases_buyer_id_fkey FOREIGN KEY (buyer_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT game_purchases_game_id_fkey FOREIGN KEY (game_id) REFERENCES games (id) ON DELETE RESTRICT,
    CONSTRAINT game_purchases_listing_id_fkey FOREIGN KEY (listing_id)
        REFERENCES marketplace_listings (id) ON DELETE RESTRICT,
    CONSTRAINT game_purchases_status_check CHECK (status IN ('pending', 'completed', 'refunded')),
    CONSTRAINT game_purchases_amount_non_negative CHECK (amount_paid >= 0),
    CONSTRAINT game_purchases_transaction_id_key UNIQUE (transaction_id)
);
-- A buyer owns a game at most once (refunds free the slot).
CREATE UNIQUE INDEX game_purchases_buyer_game_key ON game_purchases (buyer_id, game_id)
    WHERE status IN ('pending', 'completed');
CREATE INDEX game_purchases_game_id_idx ON game_purchases (game_id, purchase_date DESC);
CREATE INDEX game_purchases_listing_id_idx ON game_purchases (listing_id);

-- multiplayer ---------------------------------------------------------------------------------------
CREATE TABLE multiplayer_sessions (
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    game_id         uuid        NOT NULL,
    host_id         uuid        NOT NULL,
    session_code    varchar(10) NOT NULL,
    max_players     integer     NOT NULL DEFAULT 4,
    current_players integer     NOT NULL DEFAULT 1,
    session_data    jsonb,
    status          varchar(20) NOT NULL DEFAULT 'waiting',
    created_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    ended_at        timestamptz,
    CONSTRAINT multiplayer_sessions_pkey PRIMARY KEY (id),
    CONSTRAINT multiplayer_sessions_session_code_key UNIQUE (session_code),
    CONSTRAINT multiplayer_sessions_game_id_fkey FOREIGN KEY (game_id) REFERENCES games (id) ON DELETE CASCADE,
    CONSTRAINT multiplayer_sessions_host_id_fkey FOREIGN KEY (host_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT multiplayer_sessions_status_check CHECK (status IN ('waiting', 'active', 'completed', 'cancelled')),
    CONSTRAINT multiplayer_sessions_players_range
        CHECK (max_players BETWEEN 1 AND 64 AND current_players BETWEEN 0 AND max_players)
);
CREATE INDEX multiplayer_sessions_open_idx ON multiplayer_sessions (status, created_at DESC)
    WHERE status IN ('waiting', 'active');
CREATE INDEX multiplayer_sessions_game_id_idx ON multiplayer_sessions (game_id);
CREATE INDEX multiplayer_sessions_host_id_idx ON multiplayer_sessions (host_id);

CREATE TABLE session_participants (
    id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    session_id  uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    joined_at   timestamptz NOT NULL DEFAULT now(),
    left_at     timestamptz,
    player_data jsonb,
    is_active   boolean     NOT NULL DEFAULT true,
    CONSTRAINT session_participants_pkey PRIMARY KEY (id),
    CONSTRAINT session_participants_session_id_fkey FOREIGN KEY (session_id)
        REFERENCES multiplayer_sessions (id) ON DELETE CASCADE,
    CONSTRAINT session_participants_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT session_participants_session_user_key UNIQUE (session_id, user_id)
);
CREATE INDEX session_participants_user_id_idx ON session_participants (user_id);

-- AI generation -------------------------------------------------------------------------------------
CREATE TABLE ai_generation_requests (
    id                uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id           uuid        NOT NULL,
    prompt            text        NOT NULL,
    game_type         varchar(50),
    parameters        jsonb,
    status            varchar(20) NOT NULL DEFAULT 'pending',
    result_game_id    uuid,
    -- Regenerations link to the request they modify.
    parent_request_id uuid,
    error_message     text,
    processing_time   integer,
    ai_tokens_used    integer,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    completed_at      timestamptz,
    CONSTRAINT ai_generation_requests_pkey PRIMARY KEY (id),
    CONSTRAINT ai_generation_requests_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ai_generation_requests_result_game_id_fkey FOREIGN KEY (result_game_id)
        REFERENCES games (id) ON DELETE SET NULL,
    CONSTRAINT ai_generation_requests_parent_fkey FOREIGN KEY (parent_request_id)
        REFERENCES ai_generation_requests (id) ON DELETE SET NULL,
    CONSTRAINT ai_generation_requests_status_check
        CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    CONSTRAINT ai_generation_requests_prompt_length CHECK (length(prompt) BETWEEN 1 AND 4000),
    CONSTRAINT ai_generation_requests_counters_non_negative
        CHECK (coalesce(processing_time, 0) >= 0 AND coalesce(ai_tokens_used, 0) >= 0)
);
CREATE INDEX ai_generation_requests_user_idx ON ai_generation_requests (user_id, created_at DESC, id DESC);
CREATE INDEX ai_generation_requests_open_idx ON ai_generation_requests (status, created_at)
    WHERE status IN ('pending', 'processing');
CREATE TRIGGER ai_generation_requests_set_updated_at BEFORE UPDATE ON ai_generation_requests
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- moderation ----------------------------------------------------------------------------------------
CREATE TABLE content_moderation (
    id           uuid         NOT NULL DEFAULT gen_random_uuid(),
    content_type varchar(20)  NOT NULL,
    content_id   uuid         NOT NULL,
    reporter_id  uuid,
    reason       varchar(100),
    details      text,
    status       varchar(20)  NOT NULL DEFAULT 'pending',
    moderator_id uuid,
    reviewed_at  timestamptz,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT content_moderation_pkey PRIMARY KEY (id),
    CONSTRAINT content_moderation_reporter_id_fkey FOREIGN KEY (reporter_id)
        REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT content_moderation_moderator_id_fkey FOREIGN KEY (moderator_id)
        REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT content_moderation_content_type_check
        CHECK (content_type IN ('game', 'comment', 'review', 'user')),
    CONSTRAINT content_moderation_status_check CHECK (status IN ('pending', 'approved', 'rejected'))
);
CREATE INDEX content_moderation_queue_idx ON content_moderation (status, created_at);
CREATE INDEX content_moderation_content_idx ON content_moderation (content_type, content_id);
