-- Trust: verified email addresses, roles stored in the database, single-use email links
-- (address verification and password reset), the audit trail of role changes, and
-- Google sign-ins started by a signed-in member to link their account.

ALTER TABLE users ADD COLUMN email_verified_at INTEGER;
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member';
-- An address that came through Google sign-in was verified by Google.
UPDATE users SET email_verified_at = created_at
 WHERE id IN (SELECT user_id FROM oidc_identities);

-- Only the SHA-256 of a link's token is kept; a link is used once.
CREATE TABLE email_links (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    email      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX email_links_user ON email_links (user_id, purpose, created_at);

CREATE TABLE role_changes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

ALTER TABLE oidc_logins ADD COLUMN link_user_id INTEGER REFERENCES users (id) ON DELETE CASCADE;
