-- Accounts: users, server-side sign-in sessions, failed sign-in attempts (rate limits),
-- credit accounts with their ledger, and notification preferences.
-- Instants are Unix milliseconds; booleans are 0/1; lists are newline-separated text.
CREATE TABLE users (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    email              TEXT NOT NULL,
    email_canonical    TEXT NOT NULL UNIQUE,
    password_hash      TEXT,
    username           TEXT,
    username_canonical TEXT UNIQUE,
    display_name       TEXT NOT NULL DEFAULT '',
    bio                TEXT NOT NULL DEFAULT '',
    links              TEXT NOT NULL DEFAULT '',
    interests          TEXT NOT NULL DEFAULT '',
    language           TEXT NOT NULL DEFAULT 'en',
    time_zone          TEXT NOT NULL DEFAULT 'UTC',
    onboarded_at       INTEGER,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);

CREATE TABLE auth_sessions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    renewed_at   INTEGER NOT NULL
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);

CREATE TABLE auth_failures (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    scope   TEXT NOT NULL,
    subject TEXT NOT NULL,
    at      INTEGER NOT NULL
);
CREATE INDEX auth_failures_lookup ON auth_failures (scope, subject, at);

CREATE TABLE credit_accounts (
    user_id     INTEGER PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tier        TEXT NOT NULL DEFAULT 'free',
    cycle_start INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE credit_ledger (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    amount          INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    session_id      INTEGER,
    idempotency_key TEXT UNIQUE,
    created_at      INTEGER NOT NULL
);
CREATE INDEX credit_ledger_user ON credit_ledger (user_id);

CREATE TABLE notification_preferences (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event   TEXT NOT NULL,
    channel TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    PRIMARY KEY (user_id, event, channel)
);
