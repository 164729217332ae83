"""The Client Level Data value lists, read from one data file per release (see docs/cld.md)."""

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


def fields(release: str = CURRENT_RELEASE) -> tuple[str, ...]:
    """The names of every field the release gives a list of values for."""
    return tuple(_release(release)["fields"])


def source(field: str, release: str = CURRENT_RELEASE) -> str:
    """Where a list's values were checked, so anyone can check them again."""
    return _release(release)["sources"][field]


def unverified(release: str = CURRENT_RELEASE) -> frozenset[str]:
    """The lists not yet matched to a published source: an export must not be trusted on these alone."""
    return frozenset(_release(release)["unverified"])


def pending(release: str = CURRENT_RELEASE) -> dict[str, str]:
    """Fields the return has whose values are not recorded yet, each with why and where to find them."""
    return dict(_release(release).get("pending", {}))
