-- Server-wide secrets generated on first run (see app/src/server/secrets.rs).
-- Portable types only: TEXT, INTEGER (instants are Unix milliseconds).
CREATE TABLE server_secrets (
    name       TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
