-- Members: accounts, sessions and API tokens, tiers, memberships, redeem codes (卡密) and the
-- download ledger that daily allowances are counted from.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,           -- argon2id, PHC string
    role          TEXT    NOT NULL,           -- 'user' or 'admin'
    created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash BLOB    PRIMARY KEY,           -- SHA-256 of the cookie's token
    user_id    INTEGER NOT NULL REFERENCES users(id),
    csrf       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    token_hash BLOB    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE tiers (
    name            TEXT    PRIMARY KEY,
    rank            INTEGER NOT NULL,
    categories      TEXT    NOT NULL,         -- JSON array of categories covered; [] = all
    daily_downloads INTEGER NOT NULL
);
INSERT INTO tiers (name, rank, categories, daily_downloads) VALUES
    ('vip',  1, '["讲话","研讨发言","心得体会","汇报","总结","方案"]', 10),
    ('svip', 2, '[]', 50);

CREATE TABLE memberships (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id),
    tier       TEXT    NOT NULL REFERENCES tiers(name),
    expires_at INTEGER NOT NULL
);

CREATE TABLE redeem_codes (
    code        TEXT    PRIMARY KEY,
    tier        TEXT    NOT NULL REFERENCES tiers(name),
    days        INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    redeemed_by INTEGER REFERENCES users(id),
    redeemed_at INTEGER
);

CREATE TABLE downloads (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    article_ids TEXT    NOT NULL,             -- JSON array
    units       INTEGER NOT NULL,             -- allowance used: one an article
    format      TEXT    NOT NULL,
    day         TEXT    NOT NULL,             -- the member's calendar day, YYYY-MM-DD
    at          INTEGER NOT NULL
);
CREATE INDEX downloads_user_day ON downloads(user_id, day);
