-- newsgraph store, schema 3 (PostgreSQL): the same tables, columns, keys and indexes as sqlite/0003_graph_terms.sql.

-- Document frequency of every content-word stem over the articles the graph has taken in.
CREATE TABLE graph_terms (
    term          TEXT COLLATE "C" PRIMARY KEY,
    df            BIGINT NOT NULL DEFAULT 0
);

-- Each article's term profile: its rarest content-word stems (newsgraph.graph.docsim), for how alike two articles are.
CREATE TABLE article_terms (
    article_id    TEXT COLLATE "C" NOT NULL REFERENCES articles (id),
    term          TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, term)
);
