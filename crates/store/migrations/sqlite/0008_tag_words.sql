-- An operator's word on tag words: `stop` never makes a tag (beside the built-in list of
-- generic words), `keep` may make one even when the built-in list stops it.

CREATE TABLE tag_words (
    word    TEXT NOT NULL PRIMARY KEY,
    verdict TEXT NOT NULL              -- 'stop' or 'keep'
);
