-- The diary: a journal note per seat at a session (only its author reads it), its tags
-- (one row each, so filtering by tag is an index lookup), and the full-text index of
-- what the author wrote at that session (topic, reflections, note). The index stores
-- terms the application cut (see domain::diary::search), so both databases match alike.

CREATE TABLE diary_notes (
    participant_id INTEGER PRIMARY KEY REFERENCES participants (id) ON DELETE CASCADE,
    session_id     INTEGER NOT NULL REFERENCES study_sessions (id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body           TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX diary_notes_user ON diary_notes (user_id);

CREATE TABLE diary_note_tags (
    participant_id INTEGER NOT NULL REFERENCES diary_notes (participant_id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tag            TEXT NOT NULL,
    PRIMARY KEY (participant_id, tag)
);
CREATE INDEX diary_note_tags_user ON diary_note_tags (user_id, tag);

-- rowid = participants.id. Terms are already lower-cased and cut, separated by spaces;
-- the ascii tokenizer splits on those and keeps every other character as it is, so
-- SQLite and PostgreSQL store the very same terms.
CREATE VIRTUAL TABLE diary_search USING fts5 (terms, tokenize = 'ascii');
