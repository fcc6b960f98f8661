from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from sitrep.ingest.sources import iter_inputs
from sitrep.model import Problem, RawDocument
from sitrep.settings import Settings

SMALL = Settings(max_file_bytes=1_000_000, max_jsonl_line_bytes=10_000)


def _codes(items: list[RawDocument | Problem]) -> dict[str, str]:
    return {Path(p.source.split(":")[0]).name + (":" + p.source.split(":")[1] if ":" in p.source else ""): p.code
            for p in items if isinstance(p, Problem)}


def test_sources_mixed_folder_reports_each_bad_input_and_keeps_the_good(bad_inputs: Path) -> None:
    items = list(iter_inputs([str(bad_inputs)], SMALL))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert sorted(Path(d.source.split(":")[0]).name for d in docs) == ["good.jsonl", "good.txt"]
    assert _codes(items) == {
        "binary.txt": "input.binary",
        "empty.txt": "input.empty",
        "latin1.txt": "input.undecodable",
        "huge.txt": "input.too_large",
        "good.jsonl:2": "jsonl.bad_json",
        "good.jsonl:3": "jsonl.no_text",
    }
    for p in items:
        if isinstance(p, Problem):
            assert p.message and "\n" not in p.message


def test_sources_jsonl_fields_are_declared(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "x9", "text": "Text.", "published": "2023-01-02", "url": "http://e/1", '
                    '"source": "Rudaw", "title": "T"}\n', encoding="utf-8")
    (doc,) = list(iter_inputs([str(path)], SMALL))
    assert isinstance(doc, RawDocument)
    assert (doc.declared_id, doc.declared_published, doc.declared_url, doc.declared_outlet, doc.declared_title) == (
        "x9", "2023-01-02", "http://e/1", "Rudaw", "T")
    assert doc.declared_published_from == "jsonl"


def test_sources_jsonl_line_over_limit_is_a_problem_and_the_next_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text('{"id": "big", "text": "' + "x" * 20_000 + '"}\n{"id": "ok", "text": "fine"}\n',
                    encoding="utf-8")
    items = list(iter_inputs([str(path)], SMALL))
    assert [type(i).__name__ for i in items] == ["Problem", "RawDocument"]
    assert isinstance(items[0], Problem) and items[0].code == "jsonl.too_large"


def test_sources_stdin_is_sniffed() -> None:
    items = list(iter_inputs(["-"], SMALL, stdin=io.BytesIO(b'{"id": "s", "text": "from stdin"}\n')))
    assert isinstance(items[0], RawDocument) and items[0].declared_id == "s"
    items = list(iter_inputs(["-"], SMALL, stdin=io.BytesIO(b"plain words")))
    assert isinstance(items[0], RawDocument) and items[0].media_type == "text/plain"


def test_sources_missing_path_and_unsupported_type(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    items = list(iter_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "photo.png")], SMALL))
    assert [p.code for p in items if isinstance(p, Problem)] == ["input.not_found", "input.unsupported"]


def test_sources_feed_entries_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>Kurdistan Wire</title>
<item><title>Blast in Kirkuk</title><link>http://k/1</link><guid>k1</guid>
<pubDate>Tue, 14 Mar 2023 08:00:00 GMT</pubDate><description>A roadside bomb exploded in Kirkuk.</description></item>
<item><title>Empty</title><guid>k2</guid></item>
</channel></rss>""", encoding="utf-8")
    items = list(iter_inputs([str(path)], SMALL))
    doc = items[0]
    assert isinstance(doc, RawDocument)
    assert (doc.declared_published, doc.declared_outlet, doc.declared_published_from) == (
        "2023-03-14", "Kurdistan Wire", "feed")
    assert isinstance(items[1], Problem) and items[1].code == "feed.no_text"


@pytest.mark.skipif(sys.platform != "linux", reason="uses setpriv to drop root")
def test_sources_unreadable_directory_is_a_problem_and_the_rest_is_read() -> None:
    """Root reads every directory, so the check runs in a child process as the unprivileged user."""
    base = Path(tempfile.mkdtemp())
    try:
        base.chmod(0o755)
        (base / "ok.txt").write_text("Readable article.", encoding="utf-8")
        (base / "ok.txt").chmod(0o644)
        locked = base / "locked"
        locked.mkdir()
        (locked / "inside.txt").write_text("x", encoding="utf-8")
        locked.chmod(0)
        script = ("import sys; from sitrep.ingest.sources import iter_inputs; from sitrep.settings import Settings;"
                  "print([getattr(i, 'code', 'doc') for i in iter_inputs([sys.argv[1]], Settings())])")
        cmd = [sys.executable, "-c", script, str(base)]
        if os.geteuid() == 0:
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd="/")
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == "['input.unreadable_dir', 'doc']"
    finally:
        (base / "locked").chmod(0o755)
        import shutil

        shutil.rmtree(base)
