-- Accounts: API tokens get an id (to be listed and revoked), the days of a lower tier wait
-- while a higher tier runs, and user names are looked up by their lower case.

-- SQLite cannot add a primary key to a table: the tokens move to a new one. AUTOINCREMENT: the
-- id of a revoked token is never given to a new one.
CREATE TABLE api_tokens_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash BLOB    NOT NULL UNIQUE,           -- SHA-256 of the token
    user_id    INTEGER NOT NULL REFERENCES users(id),
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
INSERT INTO api_tokens_new (token_hash, user_id, name, created_at)
    SELECT token_hash, user_id, name, created_at FROM api_tokens ORDER BY created_at, token_hash;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- The days of a tier that wait while a higher tier runs (memberships holds the period running
-- now): when it ends, the waiting tiers run one after the other, highest rank first.
CREATE TABLE paused_memberships (
    user_id INTEGER NOT NULL REFERENCES users(id),
    tier    TEXT    NOT NULL REFERENCES tiers(name),
    seconds INTEGER NOT NULL,
    PRIMARY KEY (user_id, tier)
);

-- Names are stored NFKC-normalised and in lower case; names stored before may have capitals.
CREATE INDEX users_lower_name ON users(lower(username));
