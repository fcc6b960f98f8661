"""sitrep gazetteer build | info | import."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sitrep.cli import fail, gazetteer_app, settings
from sitrep.errors import SitrepError

PathOption = Annotated[Path | None, typer.Option("--path", help="Gazetteer file (default: the configured cache).")]


def _path(path: Path | None) -> Path:
    from sitrep.resolve.geo.gazetteer import default_gazetteer_path

    return path or settings().gazetteer_path or default_gazetteer_path()


@gazetteer_app.command("build")
def build(path: PathOption = None) -> None:
    """Build the offline gazetteer from the installed GeoNames-derived packages and sitrep's curated places."""
    from sitrep.resolve.geo.gazetteer import build_gazetteer

    target = _path(path)
    started = time.perf_counter()
    try:
        build_gazetteer(target)
    except SitrepError as err:
        raise fail(err) from err
    Console().print(f"built {target} in {time.perf_counter() - started:.1f} s", highlight=False)


@gazetteer_app.command("info")
def info(path: PathOption = None) -> None:
    """Where the gazetteer is and what it holds."""
    from sitrep.resolve.geo.gazetteer import open_gazetteer

    target = _path(path)
    try:
        gaz = open_gazetteer(target)
    except SitrepError as err:
        raise fail(err) from err
    Console().print(f"{target}: {gaz.stats()}", highlight=False)


@gazetteer_app.command("import")
def import_dump(
    dump: Annotated[Path, typer.Argument(help="A GeoNames dump: allCountries.txt or a country file such as IQ.txt.")],
    admin1: Annotated[Path | None, typer.Option("--admin1", help="admin1CodesASCII.txt, for admin1 names.")] = None,
    path: PathOption = None,
) -> None:
    """Load a GeoNames dump you downloaded into the gazetteer, for worldwide coverage."""
    from sitrep.resolve.geo.gazetteer import import_geonames, open_gazetteer

    target = _path(path)
    if not dump.exists():
        raise fail(SitrepError(f"no file {dump}", hint="download a GeoNames dump (e.g. IQ.zip) and unzip it"))
    try:
        open_gazetteer(target)  # builds the base gazetteer first if missing
        n = import_geonames(target, dump, admin1)
    except SitrepError as err:
        raise fail(err) from err
    Console().print(f"imported {n} places from {dump} into {target}", highlight=False)
