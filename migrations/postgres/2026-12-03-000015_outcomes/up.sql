-- The session day and what came of it: arrival at the door, each meeting's attendance, and
-- every report of a meeting's outcome (the feedback on the evening of the day, then the
-- follow-ups at 30, 90 and 180 days). A meeting's outcome is the furthest stage either side
-- reported; a contract's value is counted once per meeting.
ALTER TABLE session_participants ADD COLUMN arrived_at TIMESTAMP;
ALTER TABLE session_participants ADD COLUMN walk_in BOOLEAN NOT NULL DEFAULT FALSE;
-- The participant asked for no more follow-up questions.
ALTER TABLE session_participants ADD COLUMN followups_stopped BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE session_meetings ADD COLUMN attendance TEXT NOT NULL DEFAULT ''
    CHECK (attendance IN ('', 'held', 'no_show', 'moved'));
ALTER TABLE session_meetings ADD COLUMN attendance_at TIMESTAMP;

CREATE TABLE meeting_reports (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES session_meetings (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES session_participants (id) ON DELETE CASCADE,
    -- 'feedback' (the evening of the day; rated and editable), or the follow-up's day: 30, 90, 180.
    round TEXT NOT NULL CHECK (round IN ('feedback', '30', '90', '180')),
    -- 1 (not useful) to 4 (very useful); staff only. NULL on follow-ups.
    rating INTEGER CHECK (rating BETWEEN 1 AND 4),
    stage TEXT NOT NULL CHECK (stage IN ('none', 'follow_up', 'nda', 'pilot', 'contract', 'other')),
    -- Whole đồng, for a contract.
    contract_value BIGINT,
    note TEXT NOT NULL,
    reported_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX meeting_reports_one ON meeting_reports (meeting_id, participant_id, round);
