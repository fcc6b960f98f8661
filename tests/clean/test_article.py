from __future__ import annotations

from datetime import date

import pytest

from sitrep.clean.article import to_article
from sitrep.clean.normalize import normalize_text
from sitrep.model import Article, Problem, RawDocument
from sitrep.settings import Settings

S = Settings()


def _clean(body: str, media: str = "text/plain", **declared: str) -> Article:
    raw = RawDocument(source="t", body=body, media_type=media, **declared)  # type: ignore[arg-type]
    article = to_article(raw, S, published=date(2023, 3, 15))
    assert isinstance(article, Article), article
    return article


def test_article_seed_drops_repeated_title_and_takes_source_line_as_outlet(seed_text: str) -> None:
    a = _clean(seed_text)
    assert a.title == "Security Efforts Confound ISIS Terrorist Plans"
    assert a.text.count("Security Efforts Confound ISIS Terrorist Plans") == 1
    assert a.outlet == "easternherald"
    assert "Source »" not in a.text
    assert a.published == date(2023, 3, 15) and a.published_from == "option"


@pytest.mark.parametrize("raw,clean", [
    ("a\u00a0b", "a b"),
    ("a\r\nb", "a\nb"),
    ("a  \t b", "a b"),
    ("a\n\n\n\nb", "a\n\nb"),
    ("zero\u200bwidth", "zerowidth"),
    ("e\u0301", "\u00e9"),
    ("  trailing  \n", "trailing"),
])
def test_normalize_text(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean


def test_article_id_is_content_hash_unless_declared() -> None:
    one = _clean("Same words here.")
    two = _clean("Same  words here.\n")
    assert one.article_id == two.article_id and len(one.article_id) == 16
    assert _clean("Same words here.", declared_id="wire-7").article_id == "wire-7"


def test_article_html_main_text_and_metadata() -> None:
    html = """<html><head><title>Blast kills three in Kirkuk | Kurdistan Wire</title>
<meta property="og:site_name" content="Kurdistan Wire"><meta property="article:published_time" content="2023-03-14">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Blast kills three in Kirkuk</h1>
<p>A roadside bomb exploded in Kirkuk on Tuesday, killing three soldiers, a police officer said.</p>
<p>No group claimed responsibility for the attack, which came a week after a similar bombing nearby.</p>
<p>Security forces sealed off the area and launched a search operation in nearby villages.</p></article>
<footer>Copyright 2023 Kurdistan Wire. All rights reserved. Subscribe to our newsletter.</footer></body></html>"""
    raw = RawDocument(source="p.html", body=html, media_type="text/html")
    a = to_article(raw, S)
    assert isinstance(a, Article)
    assert "roadside bomb exploded in Kirkuk" in a.text
    assert "Subscribe" not in a.text and "Home" not in a.text
    assert a.outlet == "Kurdistan Wire"
    assert a.published == date(2023, 3, 14) and a.published_from == "html-meta"


def test_article_too_long_is_a_problem() -> None:
    raw = RawDocument(source="big", body="word " * 100, media_type="text/plain")
    out = to_article(raw, Settings(max_article_chars=50))
    assert isinstance(out, Problem) and out.code == "clean.too_long"


def test_article_bad_declared_date_is_a_problem() -> None:
    raw = RawDocument(source="j:1", body="text", media_type="text/plain", declared_published="last tuesday")
    out = to_article(raw, S)
    assert isinstance(out, Problem) and out.code == "clean.bad_published"
