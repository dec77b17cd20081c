-- Writers' tools: baskets (素材篮) of passages taken from articles, drafts composed from them,
-- and commissions (代笔/润笔/PPT orders) with their files and status history. All of it is
-- private: every query names the owner (commissions: the owner, or an operator), so one user
-- never reads or alters another's rows.

CREATE TABLE baskets (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX baskets_user ON baskets(user_id);

CREATE TABLE basket_items (
    id            INTEGER PRIMARY KEY,
    basket_id     INTEGER NOT NULL REFERENCES baskets(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    article_id    INTEGER NOT NULL,           -- the source; no foreign key: the text is copied
    article_title TEXT    NOT NULL,           -- the source's title when the item was taken
    paragraph     INTEGER,                    -- the paragraph's index, when one was taken
    start_char    INTEGER NOT NULL,           -- the span of the article's body, in characters
    end_char      INTEGER NOT NULL,
    text          TEXT    NOT NULL,           -- copied from the stored article, never sent by a client
    heading       TEXT,                       -- a heading the writer puts before the item
    heading_level INTEGER NOT NULL DEFAULT 1, -- 1: 一、 2: （一）
    created_at    INTEGER NOT NULL
);
CREATE INDEX basket_items_basket ON basket_items(basket_id, position);

CREATE TABLE drafts (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,              -- plain text, one paragraph a line
    sources    TEXT    NOT NULL,              -- JSON array of {article_id, title}
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX drafts_user ON drafts(user_id);

CREATE TABLE commissions (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    kind       TEXT    NOT NULL,              -- 代笔, 润笔 or PPT
    topic      TEXT    NOT NULL,
    length     INTEGER NOT NULL,              -- characters asked for
    deadline   TEXT    NOT NULL,              -- YYYY-MM-DD
    notes      TEXT    NOT NULL,
    status     TEXT    NOT NULL,              -- submitted, accepted, delivered, closed
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX commissions_user ON commissions(user_id);

CREATE TABLE commission_files (
    id            INTEGER PRIMARY KEY,
    commission_id INTEGER NOT NULL REFERENCES commissions(id),
    role          TEXT    NOT NULL,           -- 'attachment' (the member's) or 'delivery' (an operator's)
    file_name     TEXT    NOT NULL,
    bytes         BLOB    NOT NULL,           -- as uploaded
    uploaded_by   INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX commission_files_commission ON commission_files(commission_id);

CREATE TABLE commission_events (
    id            INTEGER PRIMARY KEY,
    commission_id INTEGER NOT NULL REFERENCES commissions(id),
    status        TEXT    NOT NULL,           -- the status entered
    by_user       INTEGER REFERENCES users(id),
    at            INTEGER NOT NULL
);
CREATE INDEX commission_events_commission ON commission_events(commission_id);
