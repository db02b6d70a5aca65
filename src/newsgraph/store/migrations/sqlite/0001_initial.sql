-- newsgraph store, schema 1 (SQLite).
-- Every extracted row is tied to its article and to a character span of the article text.

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    published     TEXT,                 -- ISO date or NULL
    title         TEXT,
    url           TEXT,
    source        TEXT,
    origin        TEXT,                 -- file (and record) it was read from
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    category      TEXT,
    warnings      TEXT NOT NULL DEFAULT '[]',   -- JSON list of {code, message}
    result        TEXT NOT NULL,        -- the full extraction result (contract JSON)
    ingested_at   TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE UNIQUE INDEX articles_content_hash ON articles (content_hash);

-- Articles not stored because they repeat one that is: exact copies under another id,
-- and near-duplicates (MinHash). Linked to the stored article, not stored twice.
CREATE TABLE duplicates (
    id            TEXT PRIMARY KEY,
    duplicate_of  TEXT NOT NULL REFERENCES articles (id),
    similarity    REAL NOT NULL,
    published     TEXT,
    title         TEXT,
    url           TEXT,
    origin        TEXT,
    ingested_at   TEXT NOT NULL
);
CREATE INDEX duplicates_of ON duplicates (duplicate_of);

-- MinHash signature of each stored article and its LSH band keys (for near-duplicate lookup).
CREATE TABLE minhashes (
    article_id    TEXT PRIMARY KEY REFERENCES articles (id),
    signature     BLOB NOT NULL
);
CREATE TABLE minhash_bands (
    band          INTEGER NOT NULL,
    bucket        INTEGER NOT NULL,
    article_id    TEXT NOT NULL REFERENCES articles (id),
    PRIMARY KEY (band, bucket, article_id)
) WITHOUT ROWID;

-- Entities across articles. `key` is the identity used to join an article's entity to
-- one already stored (type + ISO code or normalised name).
CREATE TABLE entities (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,
    kb            TEXT,                 -- JSON or NULL
    mentions      INTEGER NOT NULL DEFAULT 0,
    articles      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);
CREATE INDEX entities_type ON entities (type, articles DESC);

CREATE TABLE aliases (
    entity_id     INTEGER NOT NULL REFERENCES entities (id),
    alias         TEXT NOT NULL,
    norm          TEXT NOT NULL,        -- casefolded, accents and punctuation removed
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX aliases_norm ON aliases (norm);

-- An article's own entity (its result's entity id) and the stored entity it resolved to.
CREATE TABLE article_entities (
    article_id    TEXT NOT NULL REFERENCES articles (id),
    local_id      TEXT NOT NULL,
    entity_id     INTEGER NOT NULL REFERENCES entities (id),
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,
    roles         TEXT NOT NULL DEFAULT '[]',   -- JSON list of roles with evidence spans
    PRIMARY KEY (article_id, local_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities (entity_id, article_id);

CREATE TABLE mentions (
    article_id    TEXT NOT NULL REFERENCES articles (id),
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    label         TEXT NOT NULL,
    entity_id     INTEGER NOT NULL REFERENCES entities (id),
    PRIMARY KEY (article_id, start, "end")
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions (entity_id);

CREATE TABLE timexes (
    article_id    TEXT NOT NULL REFERENCES articles (id),
    idx           INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    type          TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX timexes_value ON timexes (value);

CREATE TABLE quantities (
    article_id    TEXT NOT NULL REFERENCES articles (id),
    idx           INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    value         REAL NOT NULL,
    unit          TEXT,
    bound         TEXT NOT NULL,
    high          REAL,
    about         INTEGER REFERENCES entities (id),
    derived       INTEGER NOT NULL DEFAULT 0,
    claim         INTEGER,              -- index of the claim the figure stands in, or NULL
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX quantities_unit ON quantities (unit);

CREATE TABLE claims (
    article_id    TEXT NOT NULL REFERENCES articles (id),
    idx           INTEGER NOT NULL,
    source_start  INTEGER,
    source_end    INTEGER,
    source_text   TEXT,
    source_entity INTEGER REFERENCES entities (id),
    cue_start     INTEGER NOT NULL,
    cue_end       INTEGER NOT NULL,
    cue_text      TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    content_text  TEXT NOT NULL,
    direct        INTEGER NOT NULL,
    hedges        TEXT NOT NULL DEFAULT '[]',
    parent        INTEGER,
    negated       INTEGER NOT NULL DEFAULT 0,
    sentence_start INTEGER,
    sentence_end  INTEGER,
    date_sort     TEXT,                 -- the report date (publication), for ordering
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX claims_source ON claims (source_entity, date_sort);

CREATE TABLE events (
    article_id    TEXT NOT NULL REFERENCES articles (id),
    idx           INTEGER NOT NULL,
    type          TEXT NOT NULL,
    category      TEXT,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    trigger_text  TEXT NOT NULL,
    actor         INTEGER REFERENCES entities (id),
    target        INTEGER REFERENCES entities (id),
    place         INTEGER REFERENCES entities (id),
    time_value    TEXT,
    time_timex    INTEGER,
    time_source   TEXT,
    claim         INTEGER,
    negated       INTEGER NOT NULL DEFAULT 0,
    modality      TEXT NOT NULL,
    salience      REAL NOT NULL,
    sentence_start INTEGER,
    sentence_end  INTEGER,
    date_sort     TEXT,                 -- YYYY-MM-DD the event is placed at on a timeline
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX events_actor ON events (actor, date_sort);
CREATE INDEX events_target ON events (target, date_sort);
CREATE INDEX events_place ON events (place, date_sort);
CREATE INDEX events_type ON events (type, date_sort);

-- Input files read to the end, so a re-run can skip them without reading them again.
CREATE TABLE ingested_files (
    path          TEXT PRIMARY KEY,
    size          INTEGER NOT NULL,
    mtime_ns      INTEGER NOT NULL,
    articles      INTEGER NOT NULL,
    finished_at   TEXT NOT NULL
);
