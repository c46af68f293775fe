DROP TABLE audit_log;
DROP TABLE needs;
DROP TABLE offers;
DROP TABLE users;
DROP TABLE organisations;
