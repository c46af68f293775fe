DROP TABLE session_meetings;
ALTER TABLE matchmaking_sessions DROP COLUMN sequence;
ALTER TABLE matchmaking_sessions DROP COLUMN notified_sequence;
ALTER TABLE matchmaking_sessions DROP COLUMN schedule_report;
ALTER TABLE session_participants DROP COLUMN confirmed_at;
