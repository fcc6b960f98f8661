from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import StoreError
from sitrep.model import Article, ArticleResult, Count, Evidence, Problem, Record
from sitrep.store.sqlite import TABLES, open_store

TEXT = "Gunmen killed four soldiers near Tarmiyah on Monday, police said."


def _result(article_id: str = "a1", text: str = TEXT, n: int = 1) -> ArticleResult:
    article = Article(article_id=article_id, text=text, source="t.txt", title="t", outlet="Wire",
                      published=date(2023, 3, 15), published_from="option")
    records = tuple(
        Record(event_id_cnty=f"IQ-{article_id}-{i}", record_type="event", event_date="2023-03-13", fatalities=4,
               counts=(Count("killed", "soldiers", 4, 4, 4),), article_ids=(article_id,),
               evidence=(Evidence("fatalities", article_id, 14, 18, text[14:18]),))
        for i in range(n))
    return ArticleResult(article=article, records=records,
                         problems=(Problem("t.txt", "resolve", "x.y", "something unresolved"),))


def test_sqlite_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(db) as store:
        assert store.schema_version() == 1
    with open_store(db) as store:
        assert store.schema_version() == 1
        assert store.db.execute("SELECT count(*) FROM _migrations").fetchone()[0] == 1


def test_sqlite_saving_twice_adds_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        run = store.begin_run(["x"])
        store.save(run, _result(n=2), "v1")
        first = store.counts()
        run = store.begin_run(["x"])
        store.save(run, _result(n=2), "v1")
        assert store.counts() == first
        assert first == {"runs": 1, "articles": 1, "records": 2, "evidence": 2, "problems": 1}


def test_sqlite_re_extraction_replaces_an_articles_records(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        run = store.begin_run(["x"])
        store.save(run, _result(n=3), "v1")
        store.save(run, _result(n=1), "v2")
        assert store.counts()["records"] == 1
        assert store.has_article("a1", "v2") and not store.has_article("a1", "v1")


def test_sqlite_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as info:
        open_store(bad)
    assert "--db" in info.value.hint


def test_sqlite_text_is_bound_not_interpolated(tmp_path: Path) -> None:
    evil = "x'); DROP TABLE records; --"
    with open_store(tmp_path / "s.db") as store:
        run = store.begin_run([evil])
        store.save(run, _result(article_id=evil, text=evil + " " + TEXT), "v1")
        assert set(TABLES) <= {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
        assert store.article(evil) is not None


unicode_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actor=unicode_text, notes=unicode_text, fat=st.one_of(st.none(), st.integers(0, 10_000)),
       lat=st.one_of(st.none(), st.floats(-90, 90)))
def test_sqlite_record_round_trip(tmp_path: Path, actor: str, notes: str, fat: int | None, lat: float | None) -> None:
    record = Record(event_id_cnty="IQ-rt", record_type="tally", actor1=actor, notes=notes, fatalities=fat,
                    latitude=lat, counts=(Count("killed", actor, fat, fat, None),), article_ids=("rt",),
                    evidence=(Evidence("actor1", "rt", 0, 1, "x"),))
    article = Article(article_id="rt", text="x", source="s")
    path = tmp_path / "rt.db"
    with open_store(path) as store:
        store.save(store.begin_run(["rt"]), ArticleResult(article=article, records=(record,)), "v1")
        assert store.record("IQ-rt") == record
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM records").fetchone()[0] == 1
