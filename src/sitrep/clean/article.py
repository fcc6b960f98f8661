"""RawDocument → Article: boilerplate off, canonical text, title, outlet, publication date, id."""

from __future__ import annotations

import hashlib
import re
from datetime import date

from sitrep.clean.normalize import normalize_text
from sitrep.model import Article, Problem, PublishedFrom, RawDocument
from sitrep.settings import Settings

# "Source » easternherald", "Source: Reuters", "Via | Rudaw" as the last line of an article
_SOURCE_LINE = re.compile(
    r"\A(?:source|sources|via|courtesy of|originally published (?:by|in|at))\s*[»:>|–—-]+\s*(.{1,80})\Z", re.IGNORECASE)
_MAX_TITLE_CHARS = 200


def article_id_for(text: str, declared: str | None = None) -> str:
    """The JSONL ``id`` when given, else the SHA-256 of the clean text (first 16 hex digits)."""
    if declared:
        return declared[:200]
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def to_article(raw: RawDocument, settings: Settings, published: date | None = None) -> Article | Problem:
    """Clean one RawDocument. ``published`` is the --published option, used when the input declares none."""
    title = raw.declared_title or ""
    outlet = raw.declared_outlet or ""
    url = raw.declared_url or ""
    pub: date | None = None
    pub_from: PublishedFrom | None = None
    if raw.declared_published:
        pub = parse_iso_date(raw.declared_published)
        if pub is None:
            return Problem(raw.source, "clean", "clean.bad_published",
                           f"published {raw.declared_published!r} is not a YYYY-MM-DD date",
                           'write "published": "2023-03-14"')
        pub_from = raw.declared_published_from or "jsonl"
    elif published is not None:
        pub, pub_from = published, "option"

    body = raw.body
    if raw.media_type == "text/html":
        extracted = _from_html(raw.body)
        if extracted is None:
            return Problem(raw.source, "clean", "html.no_text", "no main text found in the HTML",
                           "check that the page holds the article itself, not only a link to it")
        body, meta = extracted
        title = title or meta.get("title", "")
        outlet = outlet or meta.get("sitename", "")
        url = url or meta.get("url", "")
        if pub is None and meta.get("date"):
            pub = parse_iso_date(meta["date"])
            pub_from = "html-meta" if pub else None
        if title and not body.startswith(title):
            body = f"{title}\n\n{body}"

    text = normalize_text(body)
    text, line_outlet = _split_source_line(text)
    outlet = outlet or line_outlet
    text, first_line = _drop_repeated_title(text)
    title = title or first_line
    if not text:
        return Problem(raw.source, "clean", "clean.empty", "no text left after cleaning", "")
    if len(text) > settings.max_article_chars:
        return Problem(raw.source, "clean", "clean.too_long",
                       f"{len(text)} characters is over the limit of {settings.max_article_chars}",
                       "raise SITREP_MAX_ARTICLE_CHARS or split the article")
    if pub is None:
        from sitrep.resolve.time import publication_date_from_dateline

        pub = publication_date_from_dateline(text)
        pub_from = "dateline" if pub else None
    return Article(
        article_id=article_id_for(text, raw.declared_id),
        text=text,
        source=raw.source,
        title=title,
        outlet=outlet,
        url=url,
        published=pub,
        published_from=pub_from,
    )


def _from_html(html: str) -> tuple[str, dict[str, str]] | None:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
        return None
    meta = {k: str(data[k]) for k in ("title", "sitename", "url", "date") if data.get(k)}
    return text, meta


def _split_source_line(text: str) -> tuple[str, str]:
    head, sep, last = text.rpartition("\n")
    match = _SOURCE_LINE.match(last.strip())
    if not sep or not match:
        return text, ""
    return head.rstrip(), match.group(1).strip()


def _drop_repeated_title(text: str) -> tuple[str, str]:
    """Return the text without a repeated title block, and the title when the first block is one."""
    blocks = text.split("\n\n", 2)
    first = blocks[0]
    if "\n" in first or len(first) > _MAX_TITLE_CHARS or first.endswith((".", ":")) or len(blocks) == 1:
        return text, ""
    if blocks[1].strip() == first.strip():
        rest = blocks[2] if len(blocks) > 2 else ""
        return (f"{first}\n\n{rest}" if rest else first), first
    return text, first
