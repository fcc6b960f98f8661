"""Extraction accuracy per field on every labelled set present, and speed on ~600-word articles.

    .venv/bin/python bench/bench_extract.py [--json] [GOLD.jsonl ...]

With no files: the seed gold, the bundled examples' gold, the hard-case set, and ../shared/data/devset/*.jsonl
when present. Speed: articles of ~600 words built from the example and hard-case texts, one process and a pool
of two; peak memory is the largest resident set of any process.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.evaluate import GoldDoc, read_gold  # noqa: E402
from sitrep.scoring import evaluate_docs  # noqa: E402
from sitrep.settings import Settings  # noqa: E402

SHARED = ROOT.parent / "shared"


def default_sets() -> dict[str, list[Path]]:
    sets = {
        "seed": [SHARED / "data" / "seed" / "seed-gold.jsonl"],
        "examples": [ROOT / "src" / "sitrep" / "data" / "examples_gold.jsonl"],
        "hard-cases": [ROOT / "tests" / "data" / "hard_cases.jsonl"],
    }
    devset = sorted((SHARED / "data" / "devset").glob("*.jsonl"))
    if devset:
        sets["devset"] = devset
    return {k: [p for p in v if p.exists()] for k, v in sets.items() if any(p.exists() for p in v)}


def articles_of_600_words(docs: list[GoldDoc], n: int) -> list[str]:
    texts = [d.text for d in docs]
    out: list[str] = []
    i = 0
    while len(out) < n:
        parts, words = [], 0
        while words < 600:
            t = texts[i % len(texts)]
            parts.append(t)
            words += len(t.split())
            i += 1
        out.append("\n\n".join(parts))
    return out


def _work(texts: list[str]) -> int:
    from sitrep.clean.article import to_article
    from sitrep.model import Article, RawDocument
    from sitrep.resources import load_extractor

    settings = Settings().with_env()
    ex = load_extractor(settings)
    arts = [to_article(RawDocument(source=str(i), body=t, media_type="text/plain"), settings) for i, t in
            enumerate(texts)]
    good = [a for a in arts if isinstance(a, Article)]
    return sum(len(r.records) for r in ex.extract_many(good))


def speed(docs: list[GoldDoc], n: int = 200) -> dict[str, float]:
    texts = articles_of_600_words(docs, n)
    words = sum(len(t.split()) for t in texts)
    ctx = mp.get_context("spawn")  # each worker loads its own model and gazetteer, as on a real machine
    with ctx.Pool(1) as pool:
        pool.map(_work, [texts[:2]])  # warm the worker
        started = time.perf_counter()
        pool.map(_work, [texts])
        one = time.perf_counter() - started
    with ctx.Pool(2) as pool:
        pool.map(_work, [texts[:2], texts[:2]])  # warm both workers
        started = time.perf_counter()
        pool.map(_work, [texts[: n // 2], texts[n // 2:]])
        two = time.perf_counter() - started
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"articles": n, "words_per_article": round(words / n), "articles_per_s_1proc": round(n / one, 1),
            "articles_per_s_2proc": round(n / two, 1), "peak_rss_mb": round(peak / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gold", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    sets = {p.stem: [p] for p in args.gold} if args.gold else default_sets()
    settings = Settings().with_env()
    results: dict[str, object] = {}
    all_docs: list[GoldDoc] = []
    for name, paths in sets.items():
        docs = [d for p in paths for d in read_gold(p)]
        all_docs.extend(docs)
        report, _seconds = evaluate_docs(docs, settings)
        results[name] = report.as_dict()
    if not args.no_speed:
        # dense: ~600-word articles packed with incident sentences (the hard cases), a worst case for the parser;
        # news: the bundled example articles and the seed, with their background paragraphs, joined to ~600 words
        results["speed"] = speed(all_docs)
        news = [d for name in ("seed", "examples") for p in sets.get(name, []) for d in read_gold(p)]
        if news:
            results["speed_news"] = speed(news)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name, res in results.items():
        if name.startswith("speed"):
            continue
        assert isinstance(res, dict)
        print(f"\n== {name}: {res['documents']} docs, {res['gold_records']} gold records, "
              f"{res['predicted_records']} predicted")
        print(f"record type accuracy {res['record_type']['accuracy']:.3f}   "
              f"event_type acc {res['event_type_accuracy']}   fatalities exact {res['fatalities']['exact']} "
              f"within10% {res['fatalities']['within_10pct']} (n={res['fatalities']['n']})   "
              f"geo within 25 km {res['geo_within_25km']}")
        print("confusion (gold→pred):", json.dumps(res["record_type"]["confusion"]))
        print(f"{'field':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
        for field, s in res["fields"].items():
            print(f"{field:<18}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{s['tp']:>5}{s['fp']:>5}"
                  f"{s['fn']:>5}")
    if "speed" in results:
        print("\n== speed, dense incident reports:", json.dumps(results["speed"]))
    if "speed_news" in results:
        print("== speed, news articles:", json.dumps(results["speed_news"]))


if __name__ == "__main__":
    main()
