"""The Client Level Data value lists, read from one data file per release (see CLD.md)."""

import json
from functools import cache
from pathlib import Path

CURRENT_RELEASE = "2"
_DIR = Path(__file__).resolve().parent


@cache
def _release(release: str) -> dict:
    with open(_DIR / f"release{release}.json", encoding="utf-8") as f:
        return json.load(f)


def values(field: str, release: str = CURRENT_RELEASE) -> tuple[str, ...]:
    """The valid values of one CLD field, spelt exactly as the return expects them."""
    return tuple(_release(release)["fields"][field])


def choices(field: str, release: str = CURRENT_RELEASE) -> list[tuple[str, str]]:
    return [(v, v) for v in values(field, release)]
