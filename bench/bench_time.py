"""Date accuracy: the labelled expression table, and event dates/periods on every gold set present.

    .venv/bin/python bench/bench_time.py
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from sitrep.resolve.time import resolve_time  # noqa: E402


def _table() -> list[tuple[str, str | None, str | None, str | None, int | None]]:
    spec = importlib.util.spec_from_file_location("time_table", ROOT / "tests" / "resolve" / "test_time.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.LABELLED)


def _d(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def main() -> None:
    rows = _table()
    exact = 0
    wrong: Counter[str] = Counter()
    started = time.perf_counter()
    for expression, published, start, end, precision in rows:
        got = resolve_time(expression, _d(published))
        if got is not None and (got.start, got.end, got.precision) == (_d(start), _d(end), precision):
            exact += 1
        else:
            wrong[expression] += 1
    seconds = time.perf_counter() - started
    print(f"expression table: {exact}/{len(rows)} exact = {exact / len(rows):.3f} "
          f"({len(rows) / seconds:,.0f} expressions/s)")
    for expression, n in wrong.most_common(20):
        print(f"  wrong: {expression!r} x{n}")

    from bench_extract import default_sets  # type: ignore[import-not-found]

    from sitrep.evaluate import read_gold
    from sitrep.scoring import evaluate_docs
    from sitrep.settings import Settings

    for name, paths in default_sets().items():
        docs = [d for p in paths for d in read_gold(p)]
        report, _ = evaluate_docs(docs, Settings().with_env())
        fields = report.as_dict()["fields"]
        cells = []
        for field in ("event_date", "date_start", "date_end", "time_precision"):
            if field in fields:
                s = fields[field]
                cells.append(f"{field} P {s['precision']:.3f} R {s['recall']:.3f} (tp {s['tp']})")
        print(f"{name}: " + "; ".join(cells))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "bench"))
    main()
