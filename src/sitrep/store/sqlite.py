"""The default embedded store: one SQLite file, parameters always bound, one transaction per article."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sitrep._version import __version__
from sitrep.errors import StoreError
from sitrep.model import Article, ArticleResult, Problem, Record
from sitrep.serialize import record_from_dict, record_to_dict
from sitrep.store.schema import MIGRATIONS

TABLES = ("runs", "articles", "records", "evidence", "problems")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SqliteStore:
    """Articles, records, evidence, runs and problems in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(str(self.path), isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"cannot open database {self.path}: {err}",
                             hint="give --db a path to a sitrep SQLite file, or a new file name") from err

    # lifecycle -----------------------------------------------------------------------------
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                        " applied_at TEXT NOT NULL)")
        done = {row[0] for row in self.db.execute("SELECT version FROM _migrations")}
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            self.db.execute("BEGIN")
            try:
                for statement in sql.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute("INSERT INTO _migrations VALUES (?, ?, ?)", (version, name, _now()))
                self.db.execute("COMMIT")
            except sqlite3.DatabaseError:
                self.db.execute("ROLLBACK")
                raise

    def schema_version(self) -> int:
        row = self.db.execute("SELECT max(version) FROM _migrations").fetchone()
        return int(row[0] or 0)

    # runs ------------------------------------------------------------------------------------
    def begin_run(self, inputs: Sequence[str], options: str = "") -> str:
        """Start (or resume) the run identified by its inputs and options; re-running reuses its row."""
        key = json.dumps([sorted(inputs), options, __version__])
        run_id = hashlib.sha256(key.encode()).hexdigest()[:16]
        self.db.execute(
            "INSERT INTO runs (run_id, inputs, sitrep_version, status, started_at) VALUES (?, ?, ?, 'running', ?)"
            " ON CONFLICT(run_id) DO UPDATE SET attempts = attempts + 1, status = 'running',"
            " started_at = excluded.started_at, finished_at = NULL",
            (run_id, json.dumps(list(inputs)), __version__, _now()))
        return run_id

    def finish_run(self, run_id: str, counts: dict[str, int]) -> None:
        self.db.execute("UPDATE runs SET status = 'complete', finished_at = ?, counts = ? WHERE run_id = ?",
                        (_now(), json.dumps(counts), run_id))

    def add_problem(self, run_id: str, problem: Problem) -> None:
        self.db.execute(
            "INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(run_id, source, code) DO UPDATE SET"
            " message = excluded.message, hint = excluded.hint",
            (run_id, problem.source, problem.stage, problem.code, problem.message, problem.hint))

    def problems(self, run_id: str | None = None) -> list[Problem]:
        sql = "SELECT source, stage, code, message, hint FROM problems"
        rows = self.db.execute(sql + " WHERE run_id = ?", (run_id,)) if run_id else self.db.execute(sql)
        return [Problem(*row) for row in rows]

    # articles and records ---------------------------------------------------------------------
    def has_article(self, article_id: str, extractor: str) -> bool:
        row = self.db.execute("SELECT 1 FROM articles WHERE article_id = ? AND extractor = ?",
                              (article_id, extractor)).fetchone()
        return row is not None

    def save(self, run_id: str, result: ArticleResult, extractor: str) -> None:
        """Store one article with its records and evidence atomically, replacing an earlier extraction."""
        a = result.article
        self.db.execute("BEGIN")
        try:
            self.db.execute("DELETE FROM records WHERE article_id = ?", (a.article_id,))
            self.db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(article_id) DO UPDATE SET extractor = excluded.extractor, places = excluded.places,"
                " actors = excluded.actors, published = excluded.published, published_from = excluded.published_from",
                (a.article_id, a.source, a.title, a.outlet, a.url, a.published.isoformat() if a.published else None,
                 a.published_from, a.text, extractor,
                 json.dumps([_jsonable(asdict(p)) for p in result.places]),
                 json.dumps([_jsonable(asdict(m)) for m in result.actors]), run_id, _now()))
            for record in result.records:
                data = record_to_dict(record)
                self.db.execute(
                    "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (record.event_id_cnty, a.article_id, record.record_type, record.event_date, record.event_type,
                     record.country, record.admin1, record.fatalities, json.dumps(data, ensure_ascii=False)))
                self.db.executemany(
                    'INSERT OR REPLACE INTO evidence VALUES (?, ?, ?, ?, ?, ?)',
                    [(record.event_id_cnty, e.field, e.article_id, e.start, e.end, e.text) for e in record.evidence])
            for problem in result.problems:
                self.add_problem(run_id, problem)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def records(self, *, record_type: str | None = None, article_id: str | None = None,
                limit: int | None = None) -> Iterator[Record]:
        clauses, params = [], []  # type: tuple[list[str], list[Any]]
        if record_type:
            clauses.append("record_type = ?")
            params.append(record_type)
        if article_id:
            clauses.append("article_id = ?")
            params.append(article_id)
        sql = "SELECT data FROM records" + (" WHERE " + " AND ".join(clauses) if clauses else "")
        sql += " ORDER BY event_date IS NULL, event_date, event_id_cnty"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        for (data,) in self.db.execute(sql, params):
            yield record_from_dict(json.loads(data))

    def record(self, record_id: str) -> Record | None:
        row = self.db.execute("SELECT data FROM records WHERE event_id_cnty = ?", (record_id,)).fetchone()
        return record_from_dict(json.loads(row[0])) if row else None

    def article(self, article_id: str) -> Article | None:
        row = self.db.execute(
            "SELECT article_id, text, source, title, outlet, url, published, published_from FROM articles"
            " WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        return Article(article_id=row[0], text=row[1], source=row[2], title=row[3], outlet=row[4], url=row[5],
                       published=date.fromisoformat(row[6]) if row[6] else None, published_from=row[7])

    def counts(self) -> dict[str, int]:
        return {t: int(self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def open_store(path: str | Path = "sitrep.db") -> SqliteStore:
    """Open (creating and migrating if needed) the SQLite store at ``path``."""
    return SqliteStore(path)
