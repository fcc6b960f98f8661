"""The console script, run as a user would: in a subprocess, on real files and a real SQLite file."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.paths import EXAMPLES, ROOT, SEED_ARTICLE, SEED_GOLD

Cli = Callable[..., CompletedProcess[str]]


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.mark.issue(2)
def test_cli_run_examples_twice_leaves_every_table_unchanged(sitrep_cli: Cli, tmp_path: Path) -> None:
    first = sitrep_cli("run", "--examples", "--db", "x.db", "--csv", "out.csv")
    assert first.returncode == 0, first.stderr + first.stdout
    assert "events" in first.stdout and "tallies" in first.stdout
    before = _counts(tmp_path / "x.db")
    assert before["articles"] == len((EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines())
    assert before["records"] > 0 and before["evidence"] > 0
    second = sitrep_cli("run", "--examples", "--db", "x.db")
    assert second.returncode == 0, second.stderr
    assert _counts(tmp_path / "x.db") == before
    rows = list(csv.DictReader((tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()))
    assert len(rows) == before["records"]
    assert list(rows[0])[:7] == ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
                                 "event_type", "sub_event_type"]


@pytest.mark.issue(2)
def test_cli_run_mixed_folder_stores_the_good_reports_the_bad_and_exits_1(sitrep_cli: Cli, bad_inputs: Path,
                                                                         tmp_path: Path) -> None:
    (bad_inputs / "seed.txt").write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = sitrep_cli("run", str(bad_inputs), "--db", "m.db")
    assert out.returncode == 1, out.stderr
    for code in ("input.binary", "input.empty", "input.undecodable", "jsonl.bad_json", "jsonl.no_text"):
        assert code in out.stdout
    with sqlite3.connect(tmp_path / "m.db") as conn:
        stored = {r[0] for r in conn.execute("SELECT source FROM articles")}
        codes = {r[0] for r in conn.execute("SELECT code FROM problems")}
    assert {Path(s.split(":")[0]).name for s in stored} == {"good.txt", "good.jsonl", "seed.txt"}
    assert {"input.binary", "input.empty", "input.undecodable", "jsonl.bad_json", "jsonl.no_text"} <= codes
    again = sitrep_cli("run", str(bad_inputs), "--db", "m.db")
    assert again.returncode == 1
    assert _counts(tmp_path / "m.db")["articles"] == 3


def test_cli_too_large_file_limit_is_configurable(sitrep_cli: Cli, bad_inputs: Path, tmp_path: Path) -> None:
    out = sitrep_cli("extract", str(bad_inputs / "huge.txt"), "--format", "jsonl")
    # 2 MB is under the default file limit, but its text is over the default article limit
    assert out.returncode == 1 and "clean.too_long" in out.stderr and "input.too_large" not in out.stderr
    import os
    import subprocess

    env = {**os.environ, "SITREP_MAX_FILE_BYTES": "1000"}
    exe = Path(__import__("sys").executable).parent / "sitrep"
    small = subprocess.run([str(exe), "extract", str(bad_inputs / "huge.txt")], capture_output=True, text=True,
                           env=env, cwd=tmp_path, timeout=300)
    assert small.returncode == 1 and "input.too_large" in small.stderr


def test_cli_run_is_resumable_after_an_interruption(sitrep_cli: Cli, tmp_path: Path) -> None:
    """Storing half the articles, then running on all of them, ends as one full run would."""
    lines = (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    half = tmp_path / "half.jsonl"
    half.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    full = tmp_path / "full.jsonl"
    full.write_text("".join(lines), encoding="utf-8")
    assert sitrep_cli("run", str(half), "--db", "r.db").returncode == 0
    assert sitrep_cli("run", str(full), "--db", "r.db").returncode == 0
    assert sitrep_cli("run", str(full), "--db", "once.db").returncode == 0
    resumed, once = _counts(tmp_path / "r.db"), _counts(tmp_path / "once.db")
    assert {k: v for k, v in resumed.items() if k != "runs"} == {k: v for k, v in once.items() if k != "runs"}


def test_cli_extract_formats(sitrep_cli: Cli, tmp_path: Path) -> None:
    jsonl = sitrep_cli("extract", str(SEED_ARTICLE), "--format", "jsonl")
    assert jsonl.returncode == 0, jsonl.stderr
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert records and all(r["record_type"] == "tally" for r in records)
    geo = sitrep_cli("extract", str(SEED_ARTICLE), "--format", "geojson", "-o", "s.geojson")
    assert geo.returncode == 0
    assert json.loads((tmp_path / "s.geojson").read_text())["type"] == "FeatureCollection"
    arts = sitrep_cli("extract", str(SEED_ARTICLE), "--format", "articles")
    art = json.loads(arts.stdout)
    assert art["outlet"] == "easternherald" and art["records"]
    for r in art["records"]:
        for e in r["evidence"]:
            assert art["text"][e["start"]:e["end"]] == e["text"]
    table = sitrep_cli("extract", str(SEED_ARTICLE), "--format", "table")
    assert "tally" in table.stdout
    stdin = sitrep_cli("extract", "-", "--format", "csv", stdin=SEED_ARTICLE.read_text(encoding="utf-8"))
    assert stdin.returncode == 0 and stdin.stdout.startswith("event_id_cnty,")


def test_cli_export_show_and_eval(sitrep_cli: Cli, tmp_path: Path) -> None:
    assert sitrep_cli("run", str(SEED_ARTICLE), "--db", "e.db", "--published", "2023-03-15").returncode == 0
    for fmt, name in (("acled-csv", "e.csv"), ("jsonl", "e.jsonl"), ("geojson", "e.geojson"),
                      ("parquet", "e.parquet")):
        out = sitrep_cli("export", "--db", "e.db", "--format", fmt, "-o", name)
        assert out.returncode == 0, out.stderr
        assert (tmp_path / name).stat().st_size > 0
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "e.parquet").num_rows == len((tmp_path / "e.jsonl").read_text().splitlines())
    first = json.loads((tmp_path / "e.jsonl").read_text().splitlines()[0])
    shown = sitrep_cli("show", first["event_id_cnty"], "--db", "e.db")
    assert shown.returncode == 0 and "evidence" in shown.stdout and "easternherald" in shown.stdout
    missing = sitrep_cli("show", "nope", "--db", "e.db")
    assert missing.returncode == 2 and "hint" in missing.stderr
    scored = sitrep_cli("eval", str(SEED_GOLD), "--json")
    assert scored.returncode == 0, scored.stderr
    result = json.loads(scored.stdout)
    assert result["documents"] == 1 and "fields" in result and "confusion" in result["record_type"]
    assert result["record_type"]["confusion"].get("none", {}).get("event", 0) == 0


def test_cli_bad_options_exit_2(sitrep_cli: Cli) -> None:
    assert sitrep_cli("run", str(SEED_ARTICLE), "--published", "last week").returncode == 2
    assert sitrep_cli("extract", str(SEED_ARTICLE), "--format", "xml").returncode == 2
    assert sitrep_cli("export", "--db", "missing.db").returncode == 2


def test_cli_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("sitrep run", "sitrep extract", "sitrep export", "sitrep show", "sitrep eval",
                    "sitrep gazetteer"):
        assert f"`{command}" in readme


def test_cli_readme_first_commands_are_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```sh\n")[1:3]]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in blocks:
        assert command in ci


@pytest.mark.issue(4)
def test_cli_gazetteer_import_and_info(sitrep_cli: Cli, gazetteer_path: Path, tmp_path: Path) -> None:
    """A GeoNames-format dump (made here) is loaded and its places are found in text afterwards."""
    import shutil

    gaz = tmp_path / "gaz.sqlite"
    shutil.copy(gazetteer_path, gaz)
    row = ["99000001", "Qaryat al-Ikhtibar", "Qaryat al-Ikhtibar", "Ikhtibar Village,Qaryat Ikhtibar", "31.31",
           "45.28", "P", "PPL", "IQ", "", "03", "", "", "", "1200", "", "150", "Asia/Baghdad", "2024-01-01"]
    dump = tmp_path / "IQ.txt"
    dump.write_text("\t".join(row) + "\nnot\ta\tvalid\tline\n", encoding="utf-8")
    admin1 = tmp_path / "admin1CodesASCII.txt"
    admin1.write_text("IQ.03\tAl Muthanna\tAl Muthanna\t99080\n", encoding="utf-8")
    out = sitrep_cli("gazetteer", "import", str(dump), "--admin1", str(admin1), "--path", str(gaz))
    assert out.returncode == 0, out.stderr
    assert "imported 1 places" in out.stdout
    info = sitrep_cli("gazetteer", "info", "--path", str(gaz))
    assert info.returncode == 0 and "places" in info.stdout
    from sitrep.resolve.geo.gazetteer import open_gazetteer
    from sitrep.resolve.geo.rank import Geocoder

    places = Geocoder(open_gazetteer(gaz)).places_in("Gunmen attacked Qaryat al-Ikhtibar in Iraq on Monday.")
    assert [(p.geonameid, p.admin1) for p in places if p.geonameid == 99000001] == [(99000001, "Muthanna")]
    missing = sitrep_cli("gazetteer", "import", str(tmp_path / "nope.txt"), "--path", str(gaz))
    assert missing.returncode == 2 and "hint" in missing.stderr


def test_cli_run_with_two_workers_stores_what_one_worker_stores(sitrep_cli: Cli, tmp_path: Path) -> None:
    examples = str(EXAMPLES / "articles.jsonl")
    assert sitrep_cli("run", examples, "--db", "one.db").returncode == 0
    two = sitrep_cli("run", examples, "--db", "two.db", "--workers", "2")
    assert two.returncode == 0, two.stderr

    def rows(db: Path) -> list[tuple[str, str]]:
        with sqlite3.connect(db) as conn:
            return sorted(conn.execute("SELECT event_id_cnty, data FROM records").fetchall())

    assert rows(tmp_path / "one.db") == rows(tmp_path / "two.db")
