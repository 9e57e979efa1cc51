-- Peer review: ratings between tablemates after a session, the ones still owed (pending,
-- 48 hours), bans caused by red ratings (each red counts towards at most one ban) and
-- appeals of red ratings, queued for the moderators.

CREATE TABLE ratings (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES study_sessions (id) ON DELETE CASCADE,
    rater_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    ratee_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    value      TEXT NOT NULL,
    reasons    TEXT NOT NULL DEFAULT '',
    other      TEXT NOT NULL DEFAULT '',
    power_pct  INTEGER NOT NULL DEFAULT 0,
    expired    INTEGER NOT NULL DEFAULT 0,
    ban_id     INTEGER REFERENCES bans (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (session_id, rater_id, ratee_id)
);
CREATE INDEX ratings_ratee ON ratings (ratee_id, created_at);
CREATE INDEX ratings_ban ON ratings (ban_id);

CREATE TABLE pending_ratings (
    session_id INTEGER NOT NULL REFERENCES study_sessions (id) ON DELETE CASCADE,
    rater_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ratee_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, rater_id, ratee_id)
);
CREATE INDEX pending_ratings_rater ON pending_ratings (rater_id, expires_at);
CREATE INDEX pending_ratings_expiry ON pending_ratings (expires_at);

ALTER TABLE bans ADD COLUMN weight_pct INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bans ADD COLUMN threshold_pct INTEGER NOT NULL DEFAULT 0;

CREATE TABLE rating_appeals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    rating_id   INTEGER NOT NULL UNIQUE REFERENCES ratings (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open',
    created_at  INTEGER NOT NULL,
    resolved_at INTEGER
);
CREATE INDEX rating_appeals_queue ON rating_appeals (status, created_at);
