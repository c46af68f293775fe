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

-- Members' judgements of suggestions: one per organisation and pair (the latest counts). The
-- listing whose list it was is `side`/`listing_id`; the suggested one `other_id`.
CREATE TABLE recommendation_feedback (
    side TEXT NOT NULL CHECK (side IN ('need', 'offer')),
    listing_id TEXT NOT NULL,
    other_id TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    -- The person who judged; kept as NULL when the account is deleted.
    user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    useful BOOLEAN NOT NULL,
    -- The sector of the listing whose list it was, for precision by sector.
    sector TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    PRIMARY KEY (side, listing_id, other_id, organisation_id)
);
