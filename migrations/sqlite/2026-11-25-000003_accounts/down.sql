DROP TABLE rate_limits;
DROP TABLE api_tokens;
DROP TABLE sessions;
ALTER TABLE organisations DROP COLUMN share_contact;
ALTER TABLE organisations DROP COLUMN contact_phone;
ALTER TABLE organisations DROP COLUMN contact_email;
ALTER TABLE organisations DROP COLUMN contact_name;
