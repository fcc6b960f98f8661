"""RSS/Atom feed files → one RawDocument per entry (the entry's date kept as declared metadata)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sitrep.model import Problem, RawDocument


def read_feed(name: str, text: str) -> Iterator[RawDocument | Problem]:
    import feedparser

    parsed = feedparser.parse(text)
    entries = list(parsed.entries)
    if parsed.bozo and not entries:
        yield Problem(name, "ingest", "feed.unparseable", f"not a readable RSS/Atom feed: {parsed.bozo_exception}",
                      "check that the file is RSS or Atom XML")
        return
    outlet = str(parsed.feed.get("title", "") or "") or None
    for index, entry in enumerate(entries, start=1):
        where = f"{name}#{index}"
        body = ""
        media = "text/html"
        if entry.get("content"):
            body = str(entry["content"][0].get("value", ""))
        elif entry.get("summary"):
            body = str(entry["summary"])
        if not body.strip():
            yield Problem(where, "ingest", "feed.no_text", "feed entry has no content or summary",
                          "feeds that carry only links must be fetched first")
            continue
        if "<" not in body:
            media = "text/plain"
        published: str | None = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday).isoformat()
        title = str(entry.get("title", "") or "") or None
        if media == "text/plain" and title:
            body = f"{title}\n\n{body}"
        yield RawDocument(
            source=where,
            body=body,
            media_type=media,  # type: ignore[arg-type]
            declared_id=str(entry.get("id", "") or "") or None,
            declared_published=published,
            declared_url=str(entry.get("link", "") or "") or None,
            declared_outlet=outlet,
            declared_title=title,
            declared_published_from="feed" if published else None,
        )
