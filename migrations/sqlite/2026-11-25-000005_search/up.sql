-- The search change log: one row per listing change, written in the same transaction as the
-- change; every node's index follows it in id order. (SQLite: INTEGER PRIMARY KEY AUTOINCREMENT;
-- the PostgreSQL folder uses BIGSERIAL: the only difference between the two folders.)
CREATE TABLE search_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    listing_kind TEXT NOT NULL CHECK (listing_kind IN ('offer', 'need')),
    listing_id TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
