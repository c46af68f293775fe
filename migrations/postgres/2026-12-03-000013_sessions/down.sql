DROP TABLE meeting_requests;
DROP TABLE session_representatives;
DROP TABLE session_participants;
DROP TABLE matchmaking_sessions;
DROP TABLE session_series;
