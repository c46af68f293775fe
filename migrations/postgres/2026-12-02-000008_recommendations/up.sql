-- Suggestions: each published need's best offers (side 'need') and each published offer's best
-- needs (side 'offer'), one row per place in a list. Written by `ketnoi match all` and kept
-- fresh by the background loop, which follows the listing change log from its own cursor.
CREATE TABLE recommendations (
    side TEXT NOT NULL CHECK (side IN ('need', 'offer')),
    listing_id TEXT NOT NULL,
    rank INTEGER NOT NULL,
    other_id TEXT NOT NULL,
    -- The text relevance (0..1) times the fit factors.
    score DOUBLE PRECISION NOT NULL,
    relevance DOUBLE PRECISION NOT NULL,
    -- The heaviest shared terms, folded, separated by '|'.
    terms TEXT NOT NULL,
    computed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (side, listing_id, rank)
);
CREATE INDEX recommendations_other ON recommendations (other_id);

-- The last change of the log the lists reflect, and their length (one row).
CREATE TABLE recommendation_cursor (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    last_change BIGINT NOT NULL,
    top INTEGER NOT NULL
);
INSERT INTO recommendation_cursor (id, last_change, top) VALUES (1, 0, 10);
