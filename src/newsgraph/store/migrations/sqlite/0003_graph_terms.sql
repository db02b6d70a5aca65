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
