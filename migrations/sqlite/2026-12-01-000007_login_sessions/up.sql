-- Sign-in sessions get their own name: "session" is the matchmaking session of the exchange.
ALTER TABLE sessions RENAME TO login_sessions;
DROP INDEX sessions_user;
DROP INDEX sessions_expires;
CREATE INDEX login_sessions_user ON login_sessions (user_id);
CREATE INDEX login_sessions_expires ON login_sessions (expires_at);
