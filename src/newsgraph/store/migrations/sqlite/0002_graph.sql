-- newsgraph store, schema 2 (SQLite): the graph across articles.
-- Filled incrementally by newsgraph.graph in the transaction of each ingested batch.

-- Articles the graph has taken in (a store from before schema 2 is brought up to date by: newsgraph consolidate).
CREATE TABLE graph_articles (
    article_id    TEXT PRIMARY KEY REFERENCES articles (id),
    consolidated_at TEXT NOT NULL
);

-- The entity each stored entity stands for after the merges in force (itself when not merged).
CREATE TABLE entity_canon (
    entity_id     INTEGER PRIMARY KEY REFERENCES entities (id),
    canon_id      INTEGER NOT NULL REFERENCES entities (id)
);
CREATE INDEX entity_canon_canon ON entity_canon (canon_id);

-- Keys under which entities are looked up as merge candidates (name skeletons, bags of words, acronyms).
CREATE TABLE entity_blocks (
    key           TEXT NOT NULL,
    entity_id     INTEGER NOT NULL REFERENCES entities (id),
    PRIMARY KEY (key, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_blocks_entity ON entity_blocks (entity_id);

-- Every merge: which entity (a canonical one at the time) joined which, by what rule, on what evidence.
-- An undone merge keeps its row with undone_at set, and it stops the pair from being merged again.
CREATE TABLE entity_merges (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities (id),
    into_id       INTEGER NOT NULL REFERENCES entities (id),
    rule          TEXT NOT NULL,
    score         REAL NOT NULL,
    evidence      TEXT NOT NULL,        -- JSON: names compared, shared context, roles
    made_by       TEXT NOT NULL DEFAULT 'auto',   -- auto, or user (newsgraph merge)
    created_at    TEXT NOT NULL,
    undone_at     TEXT
);
CREATE INDEX entity_merges_entity ON entity_merges (entity_id);
CREATE INDEX entity_merges_into ON entity_merges (into_id);

-- Merged events: one node per real-world event, carrying every report of it.
CREATE TABLE event_groups (
    id            INTEGER PRIMARY KEY,
    type          TEXT NOT NULL,
    category      TEXT,
    actor         INTEGER,              -- canonical entity ids most reported in each role
    target        INTEGER,
    place         INTEGER,
    date_value    TEXT,                 -- the date most reports give (TIMEX3), or NULL
    date_sort     TEXT,                 -- it as YYYY-MM-DD, for timelines
    date_exact    INTEGER NOT NULL DEFAULT 0,   -- 1 when that date names a day in the text
    dates         INTEGER NOT NULL DEFAULT 0,   -- distinct dates reports give (more than 1: they disagree)
    reports       INTEGER NOT NULL DEFAULT 0,
    articles      INTEGER NOT NULL DEFAULT 0,
    sources       INTEGER NOT NULL DEFAULT 0,
    denials       INTEGER NOT NULL DEFAULT 0,   -- reports that deny it (negated, or inside a denial)
    first_article TEXT,                 -- the earliest report
    first_idx     INTEGER,
    first_published TEXT
);
CREATE INDEX event_groups_date ON event_groups (date_sort);
CREATE INDEX event_groups_type ON event_groups (type, date_sort);

-- Each stored event report and the group it belongs to, with why it joined.
CREATE TABLE event_members (
    article_id    TEXT NOT NULL,
    idx           INTEGER NOT NULL,
    group_id      INTEGER NOT NULL REFERENCES event_groups (id),
    score         REAL NOT NULL,
    evidence      TEXT NOT NULL,        -- JSON
    source_key    TEXT NOT NULL,        -- who reports it (outlet or quoted source), for counting sources
    denial        INTEGER NOT NULL DEFAULT 0,
    date_value    TEXT,
    date_source   TEXT,
    published     TEXT,
    PRIMARY KEY (article_id, idx),
    FOREIGN KEY (article_id, idx) REFERENCES events (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX event_members_group ON event_members (group_id, published);
CREATE INDEX event_members_source ON event_members (group_id, source_key);

-- The dates the reports of a group give, counted (the group's date is the most given one).
CREATE TABLE event_group_dates (
    group_id      INTEGER NOT NULL REFERENCES event_groups (id),
    date_value    TEXT NOT NULL,
    reports       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, date_value)
) WITHOUT ROWID;

-- Participants of each group by canonical entity, for timelines and for finding merge candidates.
CREATE TABLE event_group_entities (
    canon_id      INTEGER NOT NULL,
    group_id      INTEGER NOT NULL REFERENCES event_groups (id),
    role          TEXT NOT NULL,        -- actor, target, place
    type          TEXT NOT NULL,
    date_sort     TEXT,
    reports       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (canon_id, group_id, role)
) WITHOUT ROWID;
CREATE INDEX event_group_entities_time ON event_group_entities (canon_id, date_sort);
CREATE INDEX event_group_entities_block ON event_group_entities (canon_id, type, date_sort);
CREATE INDEX event_group_entities_group ON event_group_entities (group_id);

-- Trigger keys of groups (type and trigger stem), for reports that name no participant.
CREATE TABLE event_group_keys (
    key           TEXT NOT NULL,
    group_id      INTEGER NOT NULL REFERENCES event_groups (id),
    date_sort     TEXT,
    PRIMARY KEY (key, group_id)
) WITHOUT ROWID;
CREATE INDEX event_group_keys_date ON event_group_keys (key, date_sort);
CREATE INDEX event_group_keys_group ON event_group_keys (group_id);

-- The claim ledger: figures about one thing (what is counted, about whom) across articles and sources.
CREATE TABLE ledger_groups (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    topic         TEXT NOT NULL,        -- what is counted: troops, casualties, USD, ...
    about         INTEGER,              -- canonical entity the figures are about
    entries       INTEGER NOT NULL DEFAULT 0,
    sources       INTEGER NOT NULL DEFAULT 0,
    conflicts     INTEGER NOT NULL DEFAULT 0,
    first_date    TEXT,
    last_date     TEXT
);
CREATE INDEX ledger_groups_about ON ledger_groups (about);

CREATE TABLE ledger_entries (
    article_id    TEXT NOT NULL,
    idx           INTEGER NOT NULL,     -- the quantity's index in its article
    group_id      INTEGER NOT NULL REFERENCES ledger_groups (id),
    value         REAL NOT NULL,
    high          REAL,
    bound         TEXT NOT NULL,        -- exact, upper ("up to"), lower ("at least"), approx, range
    lo            REAL,                 -- the interval the figure allows (NULL: unbounded)
    hi            REAL,
    report_date   TEXT,
    source_key    TEXT NOT NULL,
    source_name   TEXT,
    claim         INTEGER,
    PRIMARY KEY (article_id, idx),
    FOREIGN KEY (article_id, idx) REFERENCES quantities (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX ledger_entries_group ON ledger_entries (group_id, report_date);

-- Pairs of figures from different sources that disagree beyond their bounds.
CREATE TABLE ledger_conflicts (
    group_id      INTEGER NOT NULL REFERENCES ledger_groups (id),
    a_article     TEXT NOT NULL,
    a_idx         INTEGER NOT NULL,
    b_article     TEXT NOT NULL,
    b_idx         INTEGER NOT NULL,
    days          INTEGER NOT NULL,     -- days between the two reports
    PRIMARY KEY (group_id, a_article, a_idx, b_article, b_idx)
) WITHOUT ROWID;
