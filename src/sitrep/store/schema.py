"""Ordered, numbered migrations; each applied one is recorded in ``_migrations``."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "initial", """
CREATE TABLE runs (
    run_id TEXT PRIMARY KEY,
    inputs TEXT NOT NULL,
    sitrep_version TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    counts TEXT
);
CREATE TABLE articles (
    article_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    outlet TEXT NOT NULL,
    url TEXT NOT NULL,
    published TEXT,
    published_from TEXT,
    text TEXT NOT NULL,
    extractor TEXT NOT NULL,
    places TEXT NOT NULL DEFAULT '[]',
    actors TEXT NOT NULL DEFAULT '[]',
    run_id TEXT NOT NULL REFERENCES runs(run_id),
    stored_at TEXT NOT NULL
);
CREATE TABLE records (
    event_id_cnty TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
    record_type TEXT NOT NULL,
    event_date TEXT,
    event_type TEXT NOT NULL,
    country TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    fatalities INTEGER,
    data TEXT NOT NULL
);
CREATE INDEX records_article ON records(article_id);
CREATE INDEX records_date ON records(event_date);
CREATE TABLE evidence (
    event_id_cnty TEXT NOT NULL REFERENCES records(event_id_cnty) ON DELETE CASCADE,
    field TEXT NOT NULL,
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (event_id_cnty, field, start, "end")
);
CREATE TABLE problems (
    run_id TEXT NOT NULL REFERENCES runs(run_id),
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    hint TEXT NOT NULL,
    PRIMARY KEY (run_id, source, code)
);
"""),
)
