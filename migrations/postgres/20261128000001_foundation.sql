-- Server-wide secrets generated on first run (see app/src/server/secrets.rs).
-- Kept in step with migrations/sqlite: instants are Unix milliseconds (BIGINT).
CREATE TABLE server_secrets (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
