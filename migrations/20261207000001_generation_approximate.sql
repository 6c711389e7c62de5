-- A request served by a different kind of game than it asked for (no template makes that genre yet)
-- says so: "no platformer template yet: made a dodger: ...". NULL when the game is what was asked for.
ALTER TABLE ai_generation_requests
    ADD COLUMN approximate text CHECK (char_length(approximate) <= 300);
