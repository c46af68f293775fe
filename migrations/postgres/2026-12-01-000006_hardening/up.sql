-- Links that work once, or only while they are the latest of their kind: each emailed link of
-- such a kind carries a nonce; the grant under its key holds the one nonce that still works.
-- A newer link replaces the grant (older links stop working); using the link deletes it.
CREATE TABLE link_grants (
    key TEXT PRIMARY KEY NOT NULL,
    nonce TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX link_grants_expires ON link_grants (expires_at);

-- A change of name, kind or tax code that a verified organisation asked for: held until staff
-- approve it, while the public profile keeps the verified values. One pending change per
-- organisation (a newer request replaces it).
CREATE TABLE organisation_changes (
    organisation_id TEXT PRIMARY KEY NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    tax_code TEXT,
    requested_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    requested_at TIMESTAMP NOT NULL
);
