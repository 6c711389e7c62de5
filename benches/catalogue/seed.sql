-- 100,000 games for the catalogue benchmark (scripts/bench-catalogue.sh), generated in one pass.
-- Titles, descriptions and tags come from word lists so full-text search has realistic selectivity
-- (one title noun matches about 1 % of the games); sort keys, categories and visibility are spread.
-- About 90 % of the games are listed (public, active, approved). Deterministic: setseed.
\set ON_ERROR_STOP on
SELECT setseed(0.42);

INSERT INTO users (username, email, display_name, password_hash, created_at)
SELECT 'creator_' || lpad(i::text, 3, '0'), 'creator' || i || '@bench.example', 'Creator ' || i, NULL,
       now() - interval '400 days'
FROM generate_series(1, 300) i;

WITH w AS (
    SELECT
        ARRAY['Super', 'Tiny', 'Cosmic', 'Neon', 'Lost', 'Brave', 'Silent', 'Crazy', 'Golden', 'Hidden',
              'Frozen', 'Wild', 'Ancient', 'Pixel', 'Rapid', 'Lucky', 'Dark', 'Bouncy', 'Sneaky', 'Mighty',
              'Shiny', 'Sleepy', 'Electric', 'Magic', 'Rusty', 'Stormy', 'Hungry', 'Clever', 'Turbo', 'Mystic',
              'Crystal', 'Shadow', 'Jolly', 'Epic', 'Haunted', 'Sunny', 'Spicy', 'Quantum', 'Velvet', 'Iron'] AS adj,
        ARRAY['Dragon', 'Ninja', 'Robot', 'Pirate', 'Wizard', 'Castle', 'Galaxy', 'Jungle', 'Ocean', 'Rocket',
              'Zombie', 'Knight', 'Maze', 'Garden', 'Island', 'Volcano', 'Planet', 'Comet', 'Penguin', 'Tiger',
              'Dinosaur', 'Unicorn', 'Monster', 'Submarine', 'Train', 'Tower', 'Forest', 'Desert', 'Candy', 'Cookie',
              'Spider', 'Falcon', 'Samurai', 'Viking', 'Alien', 'Ghost', 'Mummy', 'Pharaoh', 'Temple', 'Dungeon',
              'Racer', 'Skater', 'Archer', 'Miner', 'Farmer', 'Chef', 'Detective', 'Spy', 'Astronaut', 'Cowboy',
              'Bubble', 'Crystal', 'Diamond', 'Glacier', 'Meadow', 'Harbor', 'Lantern', 'Mirror', 'Puzzle', 'Quest',
              'Runner', 'Jumper', 'Blaster', 'Builder', 'Defender', 'Hunter', 'Seeker', 'Slider', 'Stacker', 'Shooter',
              'Frog', 'Octopus', 'Shark', 'Whale', 'Turtle', 'Rabbit', 'Fox', 'Owl', 'Bee', 'Snail',
              'Meteor', 'Nebula', 'Orbit', 'Satellite', 'Eclipse', 'Thunder', 'Blizzard', 'Tornado', 'Lava', 'Crater'] AS noun,
        ARRAY['', '', '', '', ' Rush', ' Quest', ' Saga', ' Deluxe', ' II', ' Mania', ' Party', ' Escape', ' Blitz',
              ' Legends', ' Adventure', ' Challenge', ' Frenzy', ' Arena', ' Tycoon', ' Dash'] AS suffix,
        ARRAY['collect', 'dodge', 'match', 'stack', 'defend', 'explore', 'race', 'solve', 'build', 'rescue',
              'sort', 'chase', 'catch', 'guide', 'balance', 'launch', 'steer', 'unlock', 'connect', 'flip'] AS verb,
        ARRAY['gems', 'stars', 'coins', 'asteroids', 'blocks', 'letters', 'numbers', 'cards', 'bubbles', 'fruits',
              'keys', 'crystals', 'eggs', 'shells', 'feathers', 'orbs', 'tiles', 'words', 'runes', 'balloons'] AS obj,
        ARRAY['a haunted mansion', 'outer space', 'a sunken city', 'the candy kingdom', 'a frozen tundra',
              'a busy kitchen', 'an enchanted forest', 'a neon city', 'the deep sea', 'a volcanic island',
              'a pirate ship', 'a robot factory', 'the wild west', 'a cloud castle', 'an ancient pyramid'] AS place,
        ARRAY['Beat the clock and your own high score.', 'Simple to learn, hard to master.',
              'Perfect for a quick break.', 'Levels get faster as you go.', 'Play with the arrow keys or tap.',
              'Unlock new worlds as you progress.', 'A relaxing game with calm music.',
              'Think ahead: every move counts.', 'Made for kids and grown-ups alike.',
              'Compete for the top of the leaderboard.'] AS extra,
        ARRAY['space', 'retro', 'pixel', 'casual', 'kids', 'educational', 'multiplayer', 'relaxing', 'hard', 'fast',
              'strategy', 'logic', 'words', 'numbers', 'memory', 'reflex', 'animals', 'fantasy', 'scifi', 'horror',
              'cute', 'music', 'physics', 'platformer', 'shooter', 'racing', 'sports', 'cards', 'quiz', 'trivia',
              'maze', 'puzzle', 'adventure', 'zen', 'colorful', 'minimal', 'endless', 'arcade', 'classic', 'holiday'] AS tag,
        ARRAY['puzzle', 'action', 'strategy', 'word', 'math', 'memory', 'quiz', 'reaction', 'arcade', 'board'] AS cat,
        ARRAY['easy', 'medium', 'hard'] AS diff,
        (SELECT array_agg(id ORDER BY username) FROM users WHERE username LIKE 'creator\_%') AS creators
),
r AS MATERIALIZED (
    SELECT g, random() a1, random() a2, random() a3, random() a4, random() a5, random() a6, random() a7,
           random() a8, random() a9, random() a10, random() a11, random() a12, random() a13, random() a14,
           random() a15, random() a16, random() a17, 1 + floor(random() * 4)::int AS ntags
    FROM generate_series(1, 100000) g
),
v AS (
    SELECT r.*, w.*,
           now() - a1 * interval '365 days' AS created,
           floor(exp(a2 * a3 * 12))::int AS plays,
           CASE WHEN a4 < 0.90 THEN 'listed' WHEN a4 < 0.94 THEN 'private' WHEN a4 < 0.97 THEN 'pending'
                WHEN a4 < 0.985 THEN 'moderated' ELSE 'deleted' END AS vis
    FROM r, w
)
INSERT INTO games (creator_id, title, description, category, difficulty, game_data, is_public, is_featured,
                   play_count, rating, rating_count, fork_count, tags, created_at, updated_at, status, review,
                   version, trend_score, deleted_at)
SELECT creators[1 + floor(a5 * array_length(creators, 1))::int],
       adj[1 + floor(a6 * 40)::int] || ' ' || noun[1 + floor(a7 * 90)::int] || suffix[1 + floor(a8 * 20)::int],
       'A ' || lower(adj[1 + floor(a9 * 40)::int]) || ' ' || cat[1 + floor(a10 * 10)::int] || ' game: '
           || verb[1 + floor(a11 * 20)::int] || ' the ' || obj[1 + floor(a12 * 20)::int] || ' in '
           || place[1 + floor(a13 * 15)::int] || ' with the ' || lower(noun[1 + floor(a14 * 90)::int]) || '. '
           || extra[1 + floor(a15 * 10)::int],
       cat[1 + floor(a10 * 10)::int],
       diff[1 + floor(a16 * 3)::int],
       '{"schema_version": 1, "files": {}}'::jsonb,
       vis <> 'private',
       a17 < 0.01,
       plays,
       CASE WHEN plays > 0 THEN round((1 + 4 * a3)::numeric, 2) ELSE 0 END,
       floor(plays * a2 * 0.05)::int,
       floor(plays * a9 * 0.01)::int,
       ARRAY(SELECT DISTINCT tag[1 + floor(random() * 40)::int] FROM generate_series(1, ntags + 0 * g)),
       created, created,
       CASE vis WHEN 'moderated' THEN 'moderated' WHEN 'deleted' THEN 'deleted' ELSE 'active' END,
       CASE vis WHEN 'pending' THEN 'pending' ELSE 'approved' END,
       1,
       -- log(sum of exp(t / one day)) over the plays, t seconds since 2026-01-01: plays spread over
       -- the game's first weeks (see the catalogue migration).
       extract(epoch FROM created - timestamptz '2026-01-01') / 86400 + 14 * a11 + ln(1 + plays),
       CASE vis WHEN 'deleted' THEN created + interval '1 day' END
FROM v;

ANALYZE users;
ANALYZE games;
