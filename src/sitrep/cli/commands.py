"""run, extract, export, show and eval."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from sitrep.cli import DbOption, PublishedOption, app, examples_dir, fail, parse_published, settings
from sitrep.errors import SitrepError
from sitrep.model import Problem, Record

FORMAT_HELP = "jsonl, csv, geojson, table or articles"


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
    else:
        with path.open("w", encoding="utf-8", newline="") as handle:
            yield handle


def _problems_table(problems: list[Problem]) -> Table:
    table = Table(title="Problems (skipped or unresolved)", title_justify="left")
    for col in ("input", "code", "reason"):
        table.add_column(col, overflow="fold")
    for p in problems:
        table.add_row(Text(p.source), Text(p.code), Text(p.message + (f" — {p.hint}" if p.hint else "")))
    return table


@app.command()
def run(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, directories (recursive) or - for stdin.")] = None,
    db: DbOption = Path("sitrep.db"),
    published: PublishedOption = None,
    examples: Annotated[bool, typer.Option("--examples", help="Run on the bundled example articles.")] = False,
    csv: Annotated[Path | None, typer.Option("--csv", help="Also write the database's records as ACLED-style CSV.")
                   ] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, max=64,
                                                help="Worker processes (default 1; 2 on a 2-core machine).")] = None,
) -> None:
    """Ingest → extract → store: code articles into the database."""
    from sitrep.export.formats import write_csv
    from sitrep.pipeline import run as run_pipeline
    from sitrep.store.sqlite import open_store

    inputs = list(paths or [])
    if examples:
        inputs.append(str(examples_dir()))
    if not inputs:
        raise typer.BadParameter("give files or directories to read, - for stdin, or --examples")
    console = Console(stderr=True)
    try:
        with open_store(db) as store:
            with Progress(SpinnerColumn(), TextColumn("[bold]coding articles"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn(), TextColumn("{task.description}"), console=console,
                          transient=True) as progress:
                task = progress.add_task("", total=None)

                def tick(source: str) -> None:
                    progress.update(task, advance=1, description=Path(source).name[:40])

                started = time.perf_counter()
                conf = settings()
                if workers is not None:
                    conf = replace(conf, workers=workers)
                report = run_pipeline(inputs, store, conf, published=parse_published(published), on_item=tick)
                elapsed = time.perf_counter() - started
            counts = store.counts()
            if csv is not None:
                with csv.open("w", encoding="utf-8", newline="") as handle:
                    written = write_csv(store.records(), handle)
    except SitrepError as err:
        raise fail(err) from err
    out = Console()
    summary = Table(title=f"sitrep run {report.run_id} → {db}", title_justify="left")
    summary.add_column("", style="bold")
    summary.add_column("count", justify="right")
    for label, value in (
        ("articles read", report.articles_read), ("articles coded now", report.articles_stored),
        ("articles already stored", report.articles_unchanged), ("events", report.events),
        ("tallies", report.tallies), ("problems", len(report.problems)),
        ("records in database", counts["records"]), ("articles in database", counts["articles"]),
    ):
        summary.add_row(label, str(value))
    summary.caption = f"{elapsed:.1f} s"
    out.print(summary)
    if report.problems:
        out.print(_problems_table(report.problems))
    if csv is not None:
        out.print(f"wrote {written} records to {csv} (ACLED-style CSV)", highlight=False)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    format: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
    published: PublishedOption = None,
    with_evidence: Annotated[bool, typer.Option("--with-evidence", help="CSV: add the evidence column.")] = False,
) -> None:
    """Code articles and print the records, without a database."""
    from sitrep.export.formats import article_to_dict, write_csv, write_geojson, write_jsonl
    from sitrep.pipeline import extract_results

    if format not in ("jsonl", "csv", "geojson", "table", "articles"):
        raise typer.BadParameter(f"unknown format {format!r}; use {FORMAT_HELP}", param_hint="--format")
    records: list[Record] = []
    problems: list[Problem] = []
    try:
        with _output(output) as out:
            for item in extract_results(paths, settings(), published=parse_published(published)):
                if isinstance(item, Problem):
                    problems.append(item)
                    continue
                problems.extend(item.problems)
                if format == "articles":
                    out.write(json.dumps(article_to_dict(item), ensure_ascii=False) + "\n")
                elif format == "jsonl":
                    write_jsonl(item.records, out)
                else:
                    records.extend(item.records)
            if format == "csv":
                write_csv(records, out, with_evidence=with_evidence)
            elif format == "geojson":
                write_geojson(records, out)
            elif format == "table":
                Console(file=out).print(_records_table(records))
    except SitrepError as err:
        raise fail(err) from err
    err_console = Console(stderr=True)
    input_problems = [p for p in problems if p.stage in ("ingest", "clean")]
    if input_problems:
        err_console.print(_problems_table(input_problems))
        raise typer.Exit(1)


def _records_table(records: list[Record]) -> Table:
    table = Table()
    for col in ("type", "date", "event type", "actor1", "actor2", "location", "fatalities", "claimant"):
        table.add_column(col, overflow="fold")
    for r in records:
        fat = "" if r.fatalities is None and r.fatalities_low is None else (
            str(r.fatalities) if r.fatalities is not None else f"{r.fatalities_low}+")
        table.add_row(*(Text(v) for v in (r.record_type, r.event_date or "", r.sub_event_type, r.actor1, r.actor2,
                                          r.location or r.admin1 or r.country, fat, r.claimant)))
    return table


@app.command()
def export(
    db: DbOption = Path("sitrep.db"),
    format: Annotated[str, typer.Option("--format", "-f", help="acled-csv, csv, jsonl, geojson or parquet")
                      ] = "acled-csv",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
    record_type: Annotated[str | None, typer.Option("--record-type", help="Only 'event' or 'tally'.")] = None,
    with_evidence: Annotated[bool, typer.Option("--with-evidence", help="CSV: add the evidence column.")] = False,
) -> None:
    """Write the database's records in a format analysts' tools read."""
    from sitrep.export.formats import write_csv, write_geojson, write_jsonl, write_parquet
    from sitrep.store.sqlite import open_store

    if format not in ("acled-csv", "csv", "jsonl", "geojson", "parquet"):
        raise typer.BadParameter(f"unknown format {format!r}", param_hint="--format")
    if not db.exists():
        raise fail(SitrepError(f"no database at {db}", hint="run `sitrep run PATHS --db FILE` first"))
    if format == "parquet" and output is None:
        raise typer.BadParameter("parquet needs -o FILE", param_hint="-o")
    try:
        with open_store(db) as store:
            records = store.records(record_type=record_type)
            if format == "parquet":
                assert output is not None
                n = write_parquet(records, output)
            else:
                with _output(output) as out:
                    if format in ("acled-csv", "csv"):
                        n = write_csv(records, out, with_evidence=with_evidence)
                    elif format == "jsonl":
                        n = write_jsonl(records, out)
                    else:
                        n = write_geojson(records, out)
    except SitrepError as err:
        raise fail(err) from err
    if output is not None:
        Console(stderr=True).print(f"wrote {n} records to {output}", highlight=False)


@app.command()
def show(
    record_id: Annotated[str, typer.Argument(help="A record's event_id_cnty.")],
    db: DbOption = Path("sitrep.db"),
) -> None:
    """A record with its evidence highlighted in the article text."""
    from sitrep.serialize import record_to_dict
    from sitrep.store.sqlite import open_store

    if not db.exists():
        raise fail(SitrepError(f"no database at {db}", hint="run `sitrep run PATHS --db FILE` first"))
    with open_store(db) as store:
        record = store.record(record_id)
        if record is None:
            raise fail(SitrepError(f"no record {record_id!r} in {db}",
                                   hint="list ids with `sitrep export --format csv`"))
        article = store.article(record.article_ids[0]) if record.article_ids else None
    console = Console()
    fields = record_to_dict(record)
    table = Table(title=f"{record.record_type} {record.event_id_cnty}", title_justify="left", show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for name, value in fields.items():
        if name in ("evidence",) or value in (None, "", [], ()):
            continue
        table.add_row(name, Text(json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value)))
    console.print(table)
    if article is None:
        return
    body = Text(article.text)
    for e in record.evidence:
        body.stylize("bold black on yellow", e.start, e.end)
    console.print(Text(f"\n{article.title or article.article_id} — {article.outlet}", style="bold"))
    console.print(body)
    legend = Table(title="evidence", title_justify="left")
    legend.add_column("field")
    legend.add_column("chars")
    legend.add_column("text", overflow="fold")
    for e in record.evidence:
        legend.add_row(e.field, f"{e.start}-{e.end}", Text(e.text))
    console.print(legend)


@app.command("eval")
def eval_command(
    gold: Annotated[list[Path], typer.Argument(help="Labelled JSON Lines files (shared/spec/gold-format.md).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    failures: Annotated[Path | None, typer.Option("--failures", help="Write every mismatch to this JSONL file.")
                        ] = None,
) -> None:
    """Score sitrep against labelled data: per-field P/R/F1, record-type confusion, fatality accuracy."""
    from sitrep.evaluate import read_gold
    from sitrep.scoring import evaluate_docs

    try:
        docs = [d for path in gold for d in read_gold(path)]
        report, seconds = evaluate_docs(docs, settings())
    except SitrepError as err:
        raise fail(err) from err
    result = report.as_dict()
    result["seconds"] = round(seconds, 2)
    if failures is not None:
        with failures.open("w", encoding="utf-8") as handle:
            for f in report.failures:
                handle.write(json.dumps(f, ensure_ascii=False, default=str) + "\n")
    if as_json:
        print(json.dumps(result, indent=2))
        return
    console = Console()
    head = Table(title=f"{result['documents']} documents, {result['gold_records']} gold records, "
                       f"{result['predicted_records']} predicted", title_justify="left")
    head.add_column("measure")
    head.add_column("value", justify="right")
    head.add_row("record type accuracy (event/tally/none)", f"{result['record_type']['accuracy']:.3f}")
    for label, value in (("event_type accuracy (matched gold events)", result["event_type_accuracy"]),
                         ("fatalities exact", result["fatalities"]["exact"]),
                         ("fatalities within 10%", result["fatalities"]["within_10pct"]),
                         ("town-level within 25 km", result["geo_within_25km"])):
        head.add_row(label, "n/a" if value is None else f"{value:.3f}")
    console.print(head)
    conf = Table(title="record type confusion (rows gold, columns predicted)", title_justify="left")
    kinds = ["event", "tally", "none"]
    conf.add_column("")
    for k in kinds:
        conf.add_column(k, justify="right")
    for row in kinds:
        conf.add_row(row, *(str(result["record_type"]["confusion"].get(row, {}).get(col, 0)) for col in kinds))
    console.print(conf)
    fields = Table(title="per field", title_justify="left")
    for col in ("field", "P", "R", "F1", "tp", "fp", "fn"):
        fields.add_column(col, justify="right" if col != "field" else "left")
    for name, s in result["fields"].items():
        fields.add_row(name, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}", str(s["tp"]),
                       str(s["fp"]), str(s["fn"]))
    console.print(fields)
