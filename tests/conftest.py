"""Fixtures shared by every test module (fixtures live only here)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep.settings import Settings
from tests.paths import SEED_ARTICLE


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "issue(n): regression test for an issue")


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real gazetteer, built once per test session from the installed packages and curated data."""
    from sitrep.resolve.geo.gazetteer import build_gazetteer

    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    build_gazetteer(path)
    os.environ["SITREP_GAZETTEER_PATH"] = str(path)
    return path


@pytest.fixture(scope="session")
def settings(gazetteer_path: Path) -> Settings:
    return Settings(gazetteer_path=gazetteer_path)


@pytest.fixture(scope="session")
def extractor(settings: Settings):  # type: ignore[no-untyped-def]
    from sitrep.resources import load_extractor

    return load_extractor(settings)


@pytest.fixture(scope="session")
def seed_text() -> str:
    assert SEED_ARTICLE.exists(), f"the seed article is missing: {SEED_ARTICLE} (shared/ must sit beside the repo)"
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture()
def sitrep_cli(gazetteer_path: Path, tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed `sitrep` console script in a subprocess, in tmp_path."""
    exe = shutil.which("sitrep", path=str(Path(sys.executable).parent)) or "sitrep"
    env = {**os.environ, "SITREP_GAZETTEER_PATH": str(gazetteer_path), "COLUMNS": "200", "NO_COLOR": "1"}

    def call(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *args], cwd=tmp_path, env=env, input=stdin, capture_output=True, text=True,
                              timeout=600)

    return call


@pytest.fixture()
def bad_inputs(tmp_path: Path) -> Path:
    """A folder mixing good articles with every kind of bad input the pipeline must survive."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Gunmen kill two soldiers near Tarmiyah\n\nGunmen killed two Iraqi soldiers at a checkpoint near Tarmiyah, "
        "north of Baghdad, on Monday, a police officer said.\n", encoding="utf-8")
    (folder / "good.jsonl").write_text(
        '{"id": "a1", "text": "Protesters rallied peacefully in Basra on Friday to demand jobs.", '
        '"published": "2023-03-10"}\n'
        "this line is not json\n"
        '{"id": "a2", "title": "no text here"}\n', encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03PNG\x00\x00" * 50)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Caf\xe9 bombing in Mosul".encode("latin-1"))
    (folder / "huge.txt").write_text("word " * 400_000, encoding="utf-8")  # 2 MB, over a 1 MB limit
    return folder
