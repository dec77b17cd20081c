-- As in the SQLite schema: an article's full date ('YYYY-MM-DD', 'YYYY-MM' or 'YYYY'; `year`
-- derived from it), and the sampled shingle hashes that find texts standing inside one another.

ALTER TABLE articles ADD COLUMN date TEXT;

CREATE TABLE article_sketches (
    hash       BIGINT NOT NULL,
    article_id BIGINT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (hash, article_id)
);
