-- An article's full date, as precise as its document says ('YYYY-MM-DD', 'YYYY-MM' or 'YYYY';
-- `year` stays, derived from it), and the sampled shingle hashes that find texts standing inside
-- one another (near copies, a compilation's article and its single file) with an index lookup.

ALTER TABLE articles ADD COLUMN date TEXT;

CREATE TABLE article_sketches (
    hash       INTEGER NOT NULL,          -- a sampled 8-character shingle hash (u64 as i64)
    article_id INTEGER NOT NULL REFERENCES articles(id),
    PRIMARY KEY (hash, article_id)
) WITHOUT ROWID;
