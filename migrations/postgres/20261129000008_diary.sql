-- The diary: a journal note per seat at a session (only its author reads it), its tags
-- (one row each, so filtering by tag is an index lookup), and the full-text index of
-- what the author wrote at that session (topic, reflections, note). The index stores
-- terms the application cut (see domain::diary::search), so both databases match alike.

CREATE TABLE diary_notes (
    participant_id BIGINT PRIMARY KEY REFERENCES participants (id) ON DELETE CASCADE,
    session_id     BIGINT NOT NULL REFERENCES study_sessions (id) ON DELETE CASCADE,
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body           TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX diary_notes_user ON diary_notes (user_id);

CREATE TABLE diary_note_tags (
    participant_id BIGINT NOT NULL REFERENCES diary_notes (participant_id) ON DELETE CASCADE,
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tag            TEXT NOT NULL,
    PRIMARY KEY (participant_id, tag)
);
CREATE INDEX diary_note_tags_user ON diary_note_tags (user_id, tag);

-- The one PostgreSQL-only column type: the terms as a tsvector (built with
-- array_to_tsvector, so no text-search configuration or locale changes them).
CREATE TABLE diary_search (
    participant_id BIGINT PRIMARY KEY REFERENCES participants (id) ON DELETE CASCADE,
    terms          TSVECTOR NOT NULL
);
CREATE INDEX diary_search_terms ON diary_search USING GIN (terms);
