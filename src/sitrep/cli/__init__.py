"""sitrep's command line: a thin layer over the library.

Exit status of every command: 0 when everything was read and coded; 1 when some input could not be read
(each one is listed in the summary and stored with the run, and everything else was processed); 2 when the
command could not run at all (bad option, database or model missing).
"""

from __future__ import annotations

import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sitrep.errors import SitrepError
from sitrep.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Turn news reports about political violence into conflict-event data.")
gazetteer_app = typer.Typer(no_args_is_help=True, help="Build, inspect and extend the offline gazetteer.")
app.add_typer(gazetteer_app, name="gazetteer")

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file (created if missing).")]
PublishedOption = Annotated[str | None, typer.Option(
    "--published", help="Publication date YYYY-MM-DD for inputs that declare none.")]


def settings() -> Settings:
    return Settings().with_env()


def parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD", param_hint="--published") from None


def examples_dir() -> Path:
    return Path(str(resources.files("sitrep.data").joinpath("examples")))


def fail(err: SitrepError) -> typer.Exit:
    console = Console(stderr=True)
    console.print(f"[red]error[/red] [{err.code}] {err.message}", highlight=False)
    if err.hint:
        console.print(f"  hint: {err.hint}", highlight=False)
    return typer.Exit(2)


def main() -> None:
    from sitrep.cli import commands, gazetteer  # noqa: F401  (registers the commands)

    try:
        app()
    except SitrepError as err:  # pragma: no cover - commands map their own errors
        print(f"error [{err.code}] {err}", file=sys.stderr)
        raise SystemExit(2) from err
