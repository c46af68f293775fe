-- The listing lifecycle: who created a listing, when it was submitted, the reviewer's note and the
-- quality score at submission; pending revisions of published listings; attachments (files live
-- under data_dir/files, addressed by their SHA-256). Kept identical to the other backend's folder.

ALTER TABLE offers ADD COLUMN created_by TEXT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE offers ADD COLUMN submitted_at TIMESTAMP;
ALTER TABLE offers ADD COLUMN review_note TEXT NOT NULL DEFAULT '';
ALTER TABLE offers ADD COLUMN quality_score INTEGER;
ALTER TABLE needs ADD COLUMN created_by TEXT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE needs ADD COLUMN submitted_at TIMESTAMP;
ALTER TABLE needs ADD COLUMN review_note TEXT NOT NULL DEFAULT '';
ALTER TABLE needs ADD COLUMN quality_score INTEGER;
CREATE INDEX offers_submitted ON offers (status, submitted_at);
CREATE INDEX needs_submitted ON needs (status, submitted_at);
CREATE INDEX offers_expires ON offers (status, expires_at);
CREATE INDEX needs_expires ON needs (status, expires_at);

CREATE TABLE revisions (
    id TEXT PRIMARY KEY NOT NULL,
    listing_kind TEXT NOT NULL CHECK (listing_kind IN ('offer', 'need')),
    listing_id TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    base_version INTEGER NOT NULL,
    data TEXT NOT NULL,
    quality_score INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    decided_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    decided_at TIMESTAMP
);
CREATE INDEX revisions_listing ON revisions (listing_kind, listing_id, state);
CREATE INDEX revisions_pending ON revisions (state, created_at);

CREATE TABLE attachments (
    id TEXT PRIMARY KEY NOT NULL,
    listing_kind TEXT NOT NULL CHECK (listing_kind IN ('offer', 'need')),
    listing_id TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX attachments_listing ON attachments (listing_kind, listing_id);
CREATE INDEX attachments_sha ON attachments (sha256);
