-- The core loop: study sessions (tables) and their seats, connection history, credit
-- cycles and referrals, essence, bans, and the stored results of idempotent requests.
-- Instants are Unix milliseconds; booleans are 0/1.

-- One table at one slot. state: open (taking seats), running (companions seated),
-- ended (attendance processed), empty (nobody came). humans counts the seats people hold
-- (kept in step with participants in the same transaction; quick match reads it).
CREATE TABLE study_sessions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    starts_at      INTEGER NOT NULL,
    mode           TEXT NOT NULL,
    topic          TEXT NOT NULL DEFAULT '',
    topic_key      TEXT NOT NULL DEFAULT '',
    language       TEXT NOT NULL,
    state          TEXT NOT NULL DEFAULT 'open',
    humans         INTEGER NOT NULL DEFAULT 0,
    room_opened_at INTEGER,
    room_closed_at INTEGER,
    started_at     INTEGER,
    ended_at       INTEGER,
    created_at     INTEGER NOT NULL
);
CREATE INDEX study_sessions_match ON study_sessions (mode, language, starts_at);
CREATE INDEX study_sessions_state ON study_sessions (state, starts_at);

-- A seat: a human (user_id) or an AI companion (companion key). status: seated, left
-- (left early; keeps the seat), cancelled (before the start; frees it), replaced (a
-- companion that gave its seat to a late human). The partial unique indexes are the
-- final word on "one person per seat" and "one seat per person per slot".
CREATE TABLE participants (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id     INTEGER NOT NULL REFERENCES study_sessions (id) ON DELETE CASCADE,
    seat           INTEGER NOT NULL CHECK (seat BETWEEN 1 AND 4),
    kind           TEXT NOT NULL,
    user_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    companion      TEXT,
    starts_at      INTEGER NOT NULL,
    status         TEXT NOT NULL DEFAULT 'seated',
    joined_at      INTEGER NOT NULL,
    left_at        INTEGER,
    focus_minutes  INTEGER,
    active_minutes INTEGER,
    completed      INTEGER,
    disconnects    INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX participants_seat ON participants (session_id, seat)
    WHERE status IN ('seated', 'left');
CREATE UNIQUE INDEX participants_user_slot ON participants (user_id, starts_at)
    WHERE status IN ('seated', 'left') AND kind = 'human';
CREATE INDEX participants_user ON participants (user_id, starts_at);

-- When each participant was connected to the table.
CREATE TABLE presence (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id  INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    connected_at    INTEGER NOT NULL,
    disconnected_at INTEGER
);
CREATE INDEX presence_participant ON presence (participant_id);

-- Credit cycles already granted, and referrals.
ALTER TABLE credit_accounts ADD COLUMN granted_cycle INTEGER NOT NULL DEFAULT 0;
ALTER TABLE credit_accounts ADD COLUMN referral_code TEXT;
ALTER TABLE credit_accounts ADD COLUMN referred_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE credit_accounts ADD COLUMN referral_awarded_at INTEGER;
CREATE UNIQUE INDEX credit_accounts_referral_code ON credit_accounts (referral_code);

-- Ledger rows outlive a deleted account (anonymised), and name the other side of a gift.
CREATE TABLE credit_ledger_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    amount          INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    session_id      INTEGER,
    counterparty_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    idempotency_key TEXT UNIQUE,
    created_at      INTEGER NOT NULL
);
INSERT INTO credit_ledger_new (id, user_id, amount, kind, session_id, idempotency_key, created_at)
    SELECT id, user_id, amount, kind, session_id, idempotency_key, created_at FROM credit_ledger;
DROP TABLE credit_ledger;
ALTER TABLE credit_ledger_new RENAME TO credit_ledger;
CREATE INDEX credit_ledger_user ON credit_ledger (user_id, created_at);

CREATE TABLE essence_ledger (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    amount          INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    session_id      INTEGER,
    idempotency_key TEXT UNIQUE,
    created_at      INTEGER NOT NULL
);
CREATE INDEX essence_ledger_user ON essence_ledger (user_id);

CREATE TABLE bans (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX bans_user ON bans (user_id, ends_at);

-- The first result of each request sent with an Idempotency-Key (per user).
CREATE TABLE idempotency_keys (
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idem_key     TEXT NOT NULL,
    scope        TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response     TEXT,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
