"""Expand paths, directories and stdin into RawDocuments; every unreadable input becomes a Problem.

Formats by file name: ``.txt``/``.text``/``.md`` plain text, ``.html``/``.htm`` HTML,
``.jsonl``/``.ndjson`` one article per line, ``.xml``/``.rss``/``.atom`` feeds.  ``-`` reads
standard input and sniffs the format from its first character.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from sitrep.model import Problem, RawDocument
from sitrep.settings import Settings

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES

Item = RawDocument | Problem


def _problem(source: str, code: str, message: str, hint: str = "") -> Problem:
    return Problem(source=source, stage="ingest", code=code, message=message, hint=hint)


def iter_inputs(paths: Iterable[str], settings: Settings, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Yield a RawDocument for every readable article and a Problem for everything else, in a stable order."""
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(settings.max_file_bytes + 1)
            yield from _read_bytes("<stdin>", data, _sniff(data), settings)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, settings)
        elif path.exists():
            yield from _read_file(path, settings, explicit=True)
        else:
            yield _problem(raw, "input.not_found", f"no such file or directory: {raw}",
                           "check the path; directories are read recursively")


def _walk(root: Path, settings: Settings) -> Iterator[Item]:
    errors: list[OSError] = []
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / f for f in filenames if not f.startswith("."))
    for err in errors:
        name = str(err.filename or root)
        yield _problem(name, "input.unreadable_dir", f"cannot list directory: {err.strerror}",
                       "check the directory's permissions")
    for path in sorted(found):
        yield from _read_file(path, settings, explicit=False)


def _read_file(path: Path, settings: Settings, *, explicit: bool) -> Iterator[Item]:
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in KNOWN_SUFFIXES:
        yield _problem(name, "input.unsupported", f"unsupported file type {suffix or '(none)'!r}",
                       "give .txt, .html, .jsonl or .xml/.rss/.atom files")
        return
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes and suffix not in JSONL_SUFFIXES:
            yield _problem(name, "input.too_large", f"{size} bytes is over the limit of {settings.max_file_bytes}",
                           "raise SITREP_MAX_FILE_BYTES or split the file")
            return
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl_file(path, settings)
            return
        data = path.read_bytes()
    except OSError as err:
        yield _problem(name, "input.unreadable", f"cannot read file: {err.strerror}", "check the file's permissions")
        return
    kind = ("text" if suffix in TEXT_SUFFIXES else "html" if suffix in HTML_SUFFIXES else "feed")
    yield from _read_bytes(name, data, kind, settings)


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:1]
    if head == b"{":
        return "jsonl"
    if head == b"<":
        return "feed" if b"<rss" in data[:2000] or b"<feed" in data[:2000] else "html"
    return "text"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > 0.05


def _decode(name: str, data: bytes) -> str | Problem:
    if _looks_binary(data):
        return _problem(name, "input.binary", "file looks binary (NUL or control bytes), not text",
                        "give sitrep text, HTML, JSON Lines or feed files")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return _problem(name, "input.undecodable", f"not valid UTF-8 at byte {err.start}",
                        "re-encode the file as UTF-8 (iconv -f cp1256 -t utf-8 FILE)")


def _read_bytes(name: str, data: bytes, kind: str, settings: Settings) -> Iterator[Item]:
    if len(data) > settings.max_file_bytes:
        yield _problem(name, "input.too_large", f"more than {settings.max_file_bytes} bytes",
                       "raise SITREP_MAX_FILE_BYTES or split the input")
        return
    if not data.strip():
        yield _problem(name, "input.empty", "file is empty", "remove it or give it an article")
        return
    if kind == "jsonl":
        yield from _read_jsonl_lines(name, iter(data.splitlines(keepends=True)), settings)
        return
    if kind == "html" and _looks_binary(data) is False:
        yield RawDocument(source=name, body=_decode_html(data), media_type="text/html")
        return
    text = _decode(name, data)
    if isinstance(text, Problem):
        yield text
        return
    if kind == "feed":
        from sitrep.ingest.feeds import read_feed

        yield from read_feed(name, text)
        return
    yield RawDocument(source=name, body=text, media_type="text/plain")


def _decode_html(data: bytes) -> str:
    """HTML declares its own charset; fall back to UTF-8 with replacement (the markup survives)."""
    head = data[:2048].lower()
    for marker in (b'charset="', b"charset='", b"charset="):
        idx = head.find(marker)
        if idx >= 0:
            rest = head[idx + len(marker): idx + len(marker) + 40]
            enc = rest.split(b'"')[0].split(b"'")[0].split(b";")[0].split(b">")[0].strip().decode("ascii", "ignore")
            try:
                return data.decode(enc or "utf-8", errors="replace")
            except LookupError:
                break
    return data.decode("utf-8", errors="replace")


def _read_jsonl_file(path: Path, settings: Settings) -> Iterator[Item]:
    with path.open("rb") as handle:
        yield from _read_jsonl_lines(str(path), _bounded_lines(handle, settings.max_jsonl_line_bytes), settings)


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes]:
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            # skip the rest of an over-long line, reporting it once
            while True:
                more = handle.readline(limit + 1)
                if not more or more.endswith(b"\n"):
                    break
            yield b"\x00too-long"
            continue
        yield line


def _read_jsonl_lines(name: str, lines: Iterator[bytes], settings: Settings) -> Iterator[Item]:
    seen_any = False
    for number, line in enumerate(lines, start=1):
        where = f"{name}:{number}"
        if line == b"\x00too-long" or len(line) > settings.max_jsonl_line_bytes:
            yield _problem(where, "jsonl.too_large", f"line is over {settings.max_jsonl_line_bytes} bytes",
                           "raise SITREP_MAX_JSONL_LINE_BYTES or shorten the article")
            continue
        if not line.strip():
            continue
        seen_any = True
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            reason = err.msg if isinstance(err, json.JSONDecodeError) else "not UTF-8"
            yield _problem(where, "jsonl.bad_json", f"line is not valid JSON: {reason}",
                           "each line must be one JSON object")
            continue
        if not isinstance(obj, dict):
            yield _problem(where, "jsonl.not_object", "line is JSON but not an object", "each line must be {...}")
            continue
        text, html = obj.get("text"), obj.get("html")
        if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
            yield _problem(where, "jsonl.no_text", "line has no non-empty 'text' or 'html' field",
                           'give {"id": ..., "text": ...} or {"id": ..., "html": ...}')
            continue

        def opt(key: str, obj: dict[str, object] = obj) -> str | None:
            value = obj.get(key)
            return str(value) if isinstance(value, str | int) and str(value).strip() else None

        is_text = isinstance(text, str) and bool(text.strip())
        yield RawDocument(
            source=where,
            body=text if is_text else html,  # type: ignore[arg-type]
            media_type="text/plain" if is_text else "text/html",
            declared_id=opt("id"),
            declared_published=opt("published"),
            declared_url=opt("url"),
            declared_outlet=opt("source") or opt("outlet"),
            declared_title=opt("title"),
            declared_published_from="jsonl" if opt("published") else None,
        )
    if not seen_any:
        yield _problem(name, "input.empty", "JSON Lines file has no lines", "remove it or add articles")
