-- Matchmaking sessions (phiên kết nối cung – cầu): the series that repeat them by a rule, the
-- sessions themselves, the organisations registered for them with their representatives, and
-- the meeting requests and brokered pairs between those organisations.

-- A series repeats by an RFC 5545 RRULE from its first date (Asia/Ho_Chi_Minh); `plan` is the
-- JSON of the settings each generated session starts with.
CREATE TABLE session_series (
    id TEXT PRIMARY KEY,
    rule TEXT NOT NULL,
    first_date DATE NOT NULL,
    plan TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE matchmaking_sessions (
    id TEXT PRIMARY KEY,
    -- The series and the date its rule gave; kept when staff move the session to another day,
    -- so the loop never generates that occurrence again.
    series_id TEXT REFERENCES session_series (id) ON DELETE SET NULL,
    occurrence DATE,
    title_vi TEXT NOT NULL,
    title_en TEXT NOT NULL,
    -- Theme sectors, codes separated by '|'.
    sectors TEXT NOT NULL,
    -- The local date; the blocks as 'HH:MM-HH:MM' ('' when the session has no such block); the
    -- breaks separated by '|'.
    session_date DATE NOT NULL,
    morning TEXT NOT NULL,
    afternoon TEXT NOT NULL,
    slot_minutes INTEGER NOT NULL,
    breaks TEXT NOT NULL,
    venue TEXT NOT NULL,
    map_url TEXT NOT NULL,
    online_url TEXT NOT NULL,
    -- Table names, one per line: at the venue, and online.
    tables TEXT NOT NULL,
    online_tables TEXT NOT NULL,
    -- Instants (UTC) until which organisations register, and ask for meetings.
    registration_deadline TIMESTAMP NOT NULL,
    request_deadline TIMESTAMP NOT NULL,
    -- Participants with a place (approved or awaiting approval); the rest wait.
    capacity INTEGER NOT NULL,
    -- Open requests one participant may have sent at once.
    max_requests INTEGER NOT NULL,
    auto_approve BOOLEAN NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'registration_open', 'requests', 'scheduling',
        'published', 'held', 'closed', 'cancelled')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX matchmaking_sessions_occurrence ON matchmaking_sessions (series_id, occurrence);
CREATE INDEX matchmaking_sessions_date ON matchmaking_sessions (session_date);

-- An organisation registered for a session: it is scheduled and meets as one party.
CREATE TABLE session_participants (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES matchmaking_sessions (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'waitlisted', 'withdrawn', 'rejected')),
    -- The published listings it brings, 'offer:ID' or 'need:ID', separated by '|'.
    listings TEXT NOT NULL,
    -- The blocks it can attend, separated by '|'.
    blocks TEXT NOT NULL,
    max_meetings INTEGER NOT NULL,
    registered_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX session_participants_one ON session_participants (session_id, organisation_id);

-- The people who attend for a participant; all receive its agenda and invitations.
CREATE TABLE session_representatives (
    id TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES session_participants (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    locale TEXT NOT NULL CHECK (locale IN ('vi', 'en'))
);
CREATE INDEX session_representatives_participant ON session_representatives (participant_id);

-- A meeting asked for by one participant of another, or a pair brokered by staff, or an
-- accepted expression of interest between two participants. An accepted row is a pair the
-- schedule should seat. `pair_key` is the two participant ids in order: one live row per pair.
CREATE TABLE meeting_requests (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES matchmaking_sessions (id) ON DELETE CASCADE,
    from_participant TEXT NOT NULL REFERENCES session_participants (id) ON DELETE CASCADE,
    to_participant TEXT NOT NULL REFERENCES session_participants (id) ON DELETE CASCADE,
    pair_key TEXT NOT NULL,
    reason TEXT NOT NULL,
    block TEXT NOT NULL CHECK (block IN ('', 'morning', 'afternoon')),
    origin TEXT NOT NULL CHECK (origin IN ('request', 'staff', 'interest')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn', 'removed')),
    must_meet BOOLEAN NOT NULL,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    answered_at TIMESTAMP
);
CREATE UNIQUE INDEX meeting_requests_live ON meeting_requests (session_id, pair_key)
    WHERE status IN ('pending', 'accepted');
CREATE INDEX meeting_requests_session ON meeting_requests (session_id, status);
