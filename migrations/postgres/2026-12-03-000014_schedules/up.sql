-- The schedule of a matchmaking session: one row per meeting of an agreed pair, at a slot and a
-- table. A meeting moved or cancelled after publication keeps its row (and its calendar UID) and
-- raises its SEQUENCE; `notified_sequence` is the sequence its participants were last emailed
-- (-1: never). Each side confirms or declines it (`answer_a`, `answer_b`).
CREATE TABLE session_meetings (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES matchmaking_sessions (id) ON DELETE CASCADE,
    pair_id TEXT NOT NULL REFERENCES meeting_requests (id) ON DELETE CASCADE,
    participant_a TEXT NOT NULL REFERENCES session_participants (id) ON DELETE CASCADE,
    participant_b TEXT NOT NULL REFERENCES session_participants (id) ON DELETE CASCADE,
    slot INTEGER NOT NULL,
    table_index INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    locked BOOLEAN NOT NULL,
    sequence INTEGER NOT NULL,
    notified_sequence INTEGER NOT NULL,
    answer_a TEXT NOT NULL CHECK (answer_a IN ('', 'confirmed', 'declined')),
    answer_b TEXT NOT NULL CHECK (answer_b IN ('', 'confirmed', 'declined')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX session_meetings_session ON session_meetings (session_id, status);

-- The session's own calendar event: its SEQUENCE, and the one last emailed (-1: never); the
-- last run of the scheduler (JSON: weight, bound, idle time, unscheduled pairs).
ALTER TABLE matchmaking_sessions ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE matchmaking_sessions ADD COLUMN notified_sequence INTEGER NOT NULL DEFAULT -1;
ALTER TABLE matchmaking_sessions ADD COLUMN schedule_report TEXT NOT NULL DEFAULT '';

-- When a participant confirmed its whole agenda.
ALTER TABLE session_participants ADD COLUMN confirmed_at TIMESTAMP;
