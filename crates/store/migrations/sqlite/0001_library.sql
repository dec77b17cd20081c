-- The library: imported files (materials), their originals, articles, duplicate links,
-- import reports and the change sequence that derived indexes follow.

CREATE TABLE materials (
    id                INTEGER PRIMARY KEY,
    sha256            BLOB    NOT NULL UNIQUE,
    file_name         TEXT    NOT NULL,   -- as displayed (legacy-encoded names decoded)
    file_name_raw     BLOB,               -- the name's bytes, when they were not UTF-8
    format            TEXT    NOT NULL,
    encoding          TEXT    NOT NULL,
    byte_len          INTEGER NOT NULL,
    title             TEXT    NOT NULL,
    declared_articles INTEGER,            -- the N of a compilation title's （N篇）
    trailer           TEXT    NOT NULL,   -- the publisher's advertising, removed from articles
    warnings          TEXT    NOT NULL,   -- JSON array of sentences
    imported_at       INTEGER NOT NULL    -- unix seconds
);

CREATE TABLE originals (
    material_id INTEGER PRIMARY KEY REFERENCES materials(id),
    bytes       BLOB    NOT NULL
);

CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    material_id    INTEGER NOT NULL REFERENCES materials(id),
    position       INTEGER NOT NULL,
    title          TEXT    NOT NULL,
    body           TEXT    NOT NULL,      -- paragraphs joined by '\n', masks as written
    free_chars     INTEGER,               -- chars of body before the paid markers; NULL: no markers
    category       TEXT    NOT NULL,
    tags           TEXT    NOT NULL,      -- JSON array
    year           INTEGER,
    chars          INTEGER NOT NULL,
    paragraphs     INTEGER NOT NULL,
    outline        TEXT    NOT NULL,      -- JSON
    quotes         TEXT    NOT NULL,      -- JSON
    masks          TEXT    NOT NULL,      -- JSON
    text_hash      BLOB    NOT NULL,
    simhash        INTEGER,
    duplicate_of   INTEGER REFERENCES articles(id),
    duplicate_kind TEXT,                  -- 'exact' or 'near'
    created_at     INTEGER NOT NULL,
    UNIQUE (material_id, position)
);
CREATE INDEX articles_text_hash ON articles(text_hash);
CREATE INDEX articles_material ON articles(material_id);

CREATE TABLE simhash_bands (
    band       INTEGER NOT NULL,
    value      INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, value, article_id)
) WITHOUT ROWID;

CREATE TABLE changes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    entity    TEXT    NOT NULL,           -- 'material' or 'article'
    entity_id INTEGER NOT NULL,
    op        TEXT    NOT NULL,           -- 'upsert' or 'delete'
    at        INTEGER NOT NULL
);

CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    started_at  INTEGER NOT NULL,
    seconds     REAL    NOT NULL,
    files       INTEGER NOT NULL,
    imported    INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL,
    rejected    INTEGER NOT NULL,
    chars       INTEGER NOT NULL
);

CREATE TABLE import_files (
    import_id    INTEGER NOT NULL REFERENCES imports(id),
    position     INTEGER NOT NULL,
    path         TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    material_id  INTEGER,
    articles     INTEGER,
    duplicate_of INTEGER,
    reason       TEXT,
    PRIMARY KEY (import_id, position)
);
