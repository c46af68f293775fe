-- The message thread an accepted expression of interest opens between the two organisations.
CREATE TABLE interest_messages (
    id TEXT PRIMARY KEY,
    interest_id TEXT NOT NULL REFERENCES interests (id) ON DELETE CASCADE,
    author_org TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    -- Kept as NULL when the author's account is deleted: the message stays, without the person.
    author_user TEXT REFERENCES users (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    -- A member's report to the centre's staff.
    reported_at TIMESTAMP,
    reported_by TEXT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX interest_messages_thread ON interest_messages (interest_id, created_at);
-- When each side was last emailed about new messages (at most once an hour per thread and side).
ALTER TABLE interests ADD COLUMN sender_notified_at TIMESTAMP;
ALTER TABLE interests ADD COLUMN owner_notified_at TIMESTAMP;
