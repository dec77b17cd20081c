-- Paragraphs seen at the edges of imported files (the first and last few of each), counted by
-- how many files they stood in: a paragraph at the edge of several files is a site's or a
-- publisher's template (boilerplate), cut from articles at import. An operator's verdict
-- overrides the count. Rows seen in one file only are forgotten after 30 days.

CREATE TABLE edge_lines (
    key     TEXT   NOT NULL PRIMARY KEY,  -- folded: no spaces or punctuation
    text    TEXT   NOT NULL,              -- as first seen
    files   BIGINT NOT NULL,
    verdict TEXT,                         -- NULL: counted only; 'boilerplate' or 'text': an operator's
    seen_at BIGINT NOT NULL               -- unix seconds it was last seen
);
CREATE INDEX edge_lines_seen ON edge_lines (seen_at) WHERE files = 1;

-- When an operator last edited an article's title, category, tags or year: a reprocess
-- (a new reading of the original under today's rules) keeps what the operator chose.
ALTER TABLE articles ADD COLUMN edited_at BIGINT;
