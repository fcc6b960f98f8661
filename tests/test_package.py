"""The package's surface and hygiene: curated __all__, one version, lint and types clean, light import."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import sitrep
from sitrep.settings import SETTINGS_HELP, Settings
from tests.paths import ROOT


def test_package_all_is_curated_and_importable() -> None:
    assert sorted(sitrep.__all__) == sitrep.__all__
    for name in sitrep.__all__:
        assert hasattr(sitrep, name), name
    assert {"extract", "open_store", "run", "Record", "Settings"} <= set(sitrep.__all__)


def test_package_extract_function_is_not_shadowed_by_a_subpackage() -> None:
    import sitrep.extraction.claims
    import sitrep.resources

    assert callable(sitrep.extract) and callable(sitrep.run) and callable(sitrep.open_store)


def test_package_version_has_one_source() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in data["project"]["dynamic"]
    assert sitrep.__version__.count(".") == 2


def test_package_import_does_not_load_spacy() -> None:
    code = "import sys, sitrep; print('spacy' in sys.modules, 'trafilatura' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_package_every_setting_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in Settings.__dataclass_fields__:
        assert name in SETTINGS_HELP
        assert f"SITREP_{name.upper()}" in readme


def test_package_ruff_is_clean() -> None:
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "bench"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_package_mypy_strict_is_clean() -> None:
    out = subprocess.run([sys.executable, "-m", "mypy", "--strict", "src/sitrep"], cwd=ROOT, capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stdout + out.stderr
