-- Each person's choice of non-transactional email. The weekly digest is opt-in: no row, no digest.
CREATE TABLE notification_settings (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    digest BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
