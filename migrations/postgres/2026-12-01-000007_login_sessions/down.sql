ALTER TABLE login_sessions RENAME TO sessions;
DROP INDEX login_sessions_user;
DROP INDEX login_sessions_expires;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
