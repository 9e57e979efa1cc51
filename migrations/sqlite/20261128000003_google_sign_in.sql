-- Google sign-in (OpenID Connect): linked identities, and sign-ins in progress (state,
-- nonce and PKCE verifier of a flow between the redirect out and the callback).
CREATE TABLE oidc_identities (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider   TEXT NOT NULL,
    subject    TEXT NOT NULL,
    email      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (provider, subject)
);
CREATE INDEX oidc_identities_user ON oidc_identities (user_id);

CREATE TABLE oidc_logins (
    state      TEXT PRIMARY KEY NOT NULL,
    nonce      TEXT NOT NULL,
    verifier   TEXT NOT NULL,
    return_to  TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
