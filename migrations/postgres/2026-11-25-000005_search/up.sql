-- The search change log: one row per listing change, written in the same transaction as the
-- change; every node's index follows it in id order. (PostgreSQL: BIGSERIAL; the SQLite folder
-- uses INTEGER PRIMARY KEY AUTOINCREMENT: the only difference between the two folders.)
CREATE TABLE search_changes (
    id BIGSERIAL PRIMARY KEY NOT NULL,
    listing_kind TEXT NOT NULL CHECK (listing_kind IN ('offer', 'need')),
    listing_id TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
