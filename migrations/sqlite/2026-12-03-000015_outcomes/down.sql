DROP TABLE meeting_reports;
ALTER TABLE session_meetings DROP COLUMN attendance;
ALTER TABLE session_meetings DROP COLUMN attendance_at;
ALTER TABLE session_participants DROP COLUMN arrived_at;
ALTER TABLE session_participants DROP COLUMN walk_in;
ALTER TABLE session_participants DROP COLUMN followups_stopped;
