-- Admins disable an account: it can no longer sign in, its sessions end and its API tokens stop
-- working; its records (listings, messages, the audit log) stay. NULL while the account is usable.
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMP;
