-- Counters of what a client did in a time window: failed logins per account and per address,
-- answers that revealed members-only text matched (the paid-hint budget). In the database, so
-- every server of one library counts alike; rows past `expires_at` are swept.

CREATE TABLE counters (
    key        TEXT   NOT NULL,   -- e.g. 'login:addr:203.0.113.7', 'hints:user:42'
    since      BIGINT NOT NULL,   -- unix seconds the window starts at
    count      BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (key, since)
);
CREATE INDEX counters_expiry ON counters (expires_at);
