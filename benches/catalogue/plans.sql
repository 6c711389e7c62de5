-- EXPLAIN (ANALYZE, BUFFERS) of the list and search queries as models/src/catalogue.rs::list builds
-- them for public lists (limit 20 -> LIMIT 21), with the bound values written as literals.
-- Run by scripts/bench-catalogue.sh after the load runs (warm buffers); output in plans.txt.
\set ON_ERROR_STOP on
\pset pager off
\set cols 'g.id, g.title, left(g.description, 280) AS description, g.category, g.difficulty, g.tags, g.thumbnail_url, g.creator_id, u.username AS creator_username, u.display_name AS creator_display_name, g.play_count, g.rating::float8 AS rating, g.rating_count, g.fork_count, g.is_featured, g.is_public, g.status, g.review, g.trend_score, g.created_at, (SELECT l.price::text FROM marketplace_listings l WHERE l.game_id = g.id AND l.is_active) AS price'
\set ex 'EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)'

\echo '### 1. sort=new'
:ex SELECT :cols, 0::float8 AS rank FROM games g JOIN users u ON u.id = g.creator_id
WHERE g.listed ORDER BY g.created_at DESC, g.id DESC LIMIT 21;

\echo '### 2. sort=popular'
:ex SELECT :cols, 0::float8 AS rank FROM games g JOIN users u ON u.id = g.creator_id
WHERE g.listed ORDER BY g.play_count DESC, g.id DESC LIMIT 21;

\echo '### 3. sort=top'
:ex SELECT :cols, 0::float8 AS rank FROM games g JOIN users u ON u.id = g.creator_id
WHERE g.listed ORDER BY g.rating DESC, g.rating_count DESC, g.id DESC LIMIT 21;

\echo '### 4. sort=trending'
:ex SELECT :cols, 0::float8 AS rank FROM games g JOIN users u ON u.id = g.creator_id
WHERE g.listed ORDER BY g.trend_score DESC, g.id DESC LIMIT 21;

\echo '### 5. category=puzzle (sort=new)'
:ex SELECT :cols, 0::float8 AS rank FROM games g JOIN users u ON u.id = g.creator_id
WHERE g.listed AND g.category = 'puzzle' ORDER BY g.created_at DESC, g.id DESC LIMIT 21;

\echo '### 6. category=action&sort=popular'
:ex SELECT :cols, 0::float8 AS rank FROM games g JOIN users u ON u.id = g.creator_id
WHERE g.listed AND g.category = 'action' ORDER BY g.play_count DESC, g.id DESC LIMIT 21;

\echo '### 7. tags=space (any, sort=new)'
:ex SELECT :cols, 0::float8 AS rank FROM games g JOIN users u ON u.id = g.creator_id
WHERE g.listed AND g.tags && ARRAY['space'] ORDER BY g.created_at DESC, g.id DESC LIMIT 21;

\echo '### 8. tags=kids,educational&tags_mode=all (sort=new)'
:ex SELECT :cols, 0::float8 AS rank FROM games g JOIN users u ON u.id = g.creator_id
WHERE g.listed AND g.tags @> ARRAY['kids', 'educational'] ORDER BY g.created_at DESC, g.id DESC LIMIT 21;

\echo '### 9. sort=new, second page (keyset cursor after row 20)'
SELECT created_at AS cur_t, id AS cur_id FROM games WHERE listed ORDER BY created_at DESC, id DESC OFFSET 19 LIMIT 1 \gset
:ex SELECT :cols, 0::float8 AS rank FROM games g JOIN users u ON u.id = g.creator_id
WHERE g.listed AND (g.created_at, g.id) < (:'cur_t'::timestamptz, :'cur_id'::uuid)
ORDER BY g.created_at DESC, g.id DESC LIMIT 21;

-- The API's connections set this (models/src/db.rs); the typo fallback's %> reads it.
SET pg_trgm.word_similarity_threshold = 0.45;

\echo '### 10. search q=dragon (relevance; words only, a common word: ~2,000 matches)'
:ex SELECT * FROM (SELECT :cols, false AS fuzzy,
  ts_rank_cd(g.search_vector, websearch_to_tsquery('english', 'dragon'), 32)::float8 AS rank
FROM games g JOIN users u ON u.id = g.creator_id
WHERE g.listed AND g.search_vector @@ websearch_to_tsquery('english', 'dragon')) s
WHERE true ORDER BY s.rank DESC, s.id DESC LIMIT 21;

\echo '### 11. search q=haunted castle (relevance, two words)'
:ex SELECT * FROM (SELECT :cols, false AS fuzzy,
  ts_rank_cd(g.search_vector, websearch_to_tsquery('english', 'haunted castle'), 32)::float8 AS rank
FROM games g JOIN users u ON u.id = g.creator_id
WHERE g.listed AND g.search_vector @@ websearch_to_tsquery('english', 'haunted castle')) s
WHERE true ORDER BY s.rank DESC, s.id DESC LIMIT 21;

\echo '### 12. search q=dragn (typo: the words query finds nothing, then the trigram fallback)'
:ex SELECT * FROM (SELECT :cols, false AS fuzzy,
  ts_rank_cd(g.search_vector, websearch_to_tsquery('english', 'dragn'), 32)::float8 AS rank
FROM games g JOIN users u ON u.id = g.creator_id
WHERE g.listed AND g.search_vector @@ websearch_to_tsquery('english', 'dragn')) s
WHERE true ORDER BY s.rank DESC, s.id DESC LIMIT 21;
:ex SELECT * FROM (SELECT :cols, true AS fuzzy,
  word_similarity('dragn', lower(g.title))::float8 AS rank
FROM games g JOIN users u ON u.id = g.creator_id
WHERE g.listed AND lower(g.title) %> 'dragn') s
WHERE true ORDER BY s.rank DESC, s.id DESC LIMIT 21;
