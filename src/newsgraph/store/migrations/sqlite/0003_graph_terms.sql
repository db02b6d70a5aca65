-- newsgraph store, schema 3 (SQLite): what event merging and large timelines need beyond schema 2.

-- Document frequency of every content-word stem over the articles the graph has taken in.
CREATE TABLE graph_terms (
    term          TEXT PRIMARY KEY,
    df            INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Each article's term profile: its rarest content-word stems (newsgraph.graph.docsim), for how alike two articles are.
CREATE TABLE article_terms (
    article_id    TEXT NOT NULL REFERENCES articles (id),
    term          TEXT NOT NULL,
    PRIMARY KEY (article_id, term)
) WITHOUT ROWID;

-- The roles (titles) each entity is given, by article and date, for an entity's roles over time without
-- reading every article that names it (filled by newsgraph.graph.consolidate; the rows below from before).
CREATE TABLE entity_roles (
    entity_id     INTEGER NOT NULL REFERENCES entities (id),
    article_id    TEXT NOT NULL REFERENCES articles (id),
    local_id      TEXT NOT NULL,
    published     TEXT,
    roles         TEXT NOT NULL,        -- JSON, as article_entities.roles
    PRIMARY KEY (entity_id, article_id, local_id)
) WITHOUT ROWID;
CREATE INDEX entity_roles_time ON entity_roles (entity_id, published);
INSERT INTO entity_roles (entity_id, article_id, local_id, published, roles)
    SELECT ae.entity_id, ae.article_id, ae.local_id, a.published, ae.roles
    FROM article_entities ae JOIN articles a ON a.id = ae.article_id
    JOIN graph_articles g ON g.article_id = ae.article_id WHERE ae.roles != '[]';

-- Claims by source and date, newest first for timelines of busy sources.
CREATE INDEX claims_source_time ON claims (source_entity, date_sort, article_id, idx);

-- How many event reports name each entity (in any role) and how many claims it made: the sizes of its
-- timeline, kept up to date by newsgraph.graph.consolidate (the rows below from before).
CREATE TABLE entity_counts (
    entity_id     INTEGER PRIMARY KEY REFERENCES entities (id),
    events        INTEGER NOT NULL DEFAULT 0,
    claims        INTEGER NOT NULL DEFAULT 0
);
INSERT INTO entity_counts (entity_id, events, claims)
    SELECT x.entity_id, SUM(x.events), SUM(x.claims) FROM (
        SELECT r.entity_id, COUNT(*) AS events, 0 AS claims FROM (
            SELECT e.article_id, e.idx, e.actor AS entity_id FROM events e WHERE e.actor IS NOT NULL
            UNION SELECT e.article_id, e.idx, e.target FROM events e WHERE e.target IS NOT NULL
            UNION SELECT e.article_id, e.idx, e.place FROM events e WHERE e.place IS NOT NULL
        ) r JOIN graph_articles g ON g.article_id = r.article_id GROUP BY r.entity_id
        UNION ALL
        SELECT c.source_entity, 0, COUNT(*) FROM claims c JOIN graph_articles g ON g.article_id = c.article_id
            WHERE c.source_entity IS NOT NULL GROUP BY c.source_entity
    ) x GROUP BY x.entity_id;
