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
