ALTER TABLE interests DROP COLUMN owner_notified_at;
ALTER TABLE interests DROP COLUMN sender_notified_at;
DROP TABLE interest_messages;
