-- Expressions of interest: an organisation tells the owner of a published offer or need that it
-- is interested, with a short message; the owner accepts or declines. One open expression per
-- organisation and listing (the partial unique index).
CREATE TABLE interests (
    id TEXT PRIMARY KEY,
    listing_kind TEXT NOT NULL CHECK (listing_kind IN ('offer', 'need')),
    listing_id TEXT NOT NULL,
    -- The listing's organisation, asked; and the organisation interested.
    owner_org TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    sender_org TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    -- The people who wrote and answered; kept as NULL when their accounts are deleted.
    sender_user TEXT REFERENCES users (id) ON DELETE SET NULL,
    message TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'declined', 'withdrawn', 'expired')),
    answer TEXT NOT NULL DEFAULT '',
    answered_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    answered_at TIMESTAMP,
    -- When the owner was reminded of an unanswered expression (once).
    reminded_at TIMESTAMP,
    -- The matched words of the suggestion it was sent from, separated by '|'; empty otherwise.
    reasons TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX interests_one_open ON interests (sender_org, listing_kind, listing_id) WHERE status = 'open';
CREATE INDEX interests_sender ON interests (sender_org, created_at);
CREATE INDEX interests_owner ON interests (owner_org, status);
CREATE INDEX interests_open ON interests (status, created_at);
