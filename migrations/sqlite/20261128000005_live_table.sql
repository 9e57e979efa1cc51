-- The live table: reflections (answers to the board's prompts; only their author reads
-- them outside the session) and chat lines the blocklist stopped, kept for moderators.

CREATE TABLE reflections (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id     INTEGER NOT NULL REFERENCES study_sessions (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    prompt         TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (participant_id, prompt)
);
CREATE INDEX reflections_user ON reflections (user_id, created_at);
CREATE INDEX reflections_session ON reflections (session_id);

CREATE TABLE chat_flags (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id  INTEGER NOT NULL REFERENCES study_sessions (id) ON DELETE CASCADE,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body        TEXT NOT NULL,
    term        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    reviewed_at INTEGER
);
CREATE INDEX chat_flags_queue ON chat_flags (reviewed_at, created_at);
