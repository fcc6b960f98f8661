"""Where the test data lives."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_DIR = SHARED / "data" / "seed"
SEED_ARTICLE = SEED_DIR / "security-efforts-confound-isis.txt"
SEED_GOLD = SEED_DIR / "seed-gold.jsonl"
EXAMPLES = ROOT / "src" / "sitrep" / "data" / "examples"
HARD_CASES = ROOT / "tests" / "data" / "hard_cases.jsonl"
VOCABULARY = ROOT / "notes" / "vocabulary.md"


def vocabulary_actors() -> dict[str, int]:
    """The canonical actor names and inter codes of notes/vocabulary.md, the team's shared vocabulary."""
    assert VOCABULARY.exists(), f"{VOCABULARY} is missing"
    actors: dict[str, int] = {}
    for line in VOCABULARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 4 and cells[1][:1].isdigit():
            actors[cells[0]] = int(cells[1][0])
    return actors
