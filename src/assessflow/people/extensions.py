"""Hooks through which apps above `people` add to every person page without `people` importing them.

An app registers, in its AppConfig.ready(): actions (links shown on the person page),
banner sources (such as active warnings, shown on every page about the person), and
the kinds of entry it writes to the person's timeline.
"""

from collections.abc import Callable
from dataclasses import dataclass

from assessflow.tenancy.permissions import may


@dataclass(frozen=True)
class PersonAction:
    label: str
    url_name: str
    permission: str


@dataclass(frozen=True)
class Banner:
    title: str
    lines: tuple[str, ...]


_actions: list[PersonAction] = []
_banner_sources: list[Callable] = []
TIMELINE_KINDS: dict[str, str] = {"record": "Record changes", "pathway": "Referrals, waiting and assessments"}


def register_person_action(action: PersonAction) -> None:
    if action not in _actions:
        _actions.append(action)


def register_banner_source(source: Callable) -> None:
    if source not in _banner_sources:
        _banner_sources.append(source)


def register_timeline_kinds(kinds: dict[str, str]) -> None:
    TIMELINE_KINDS.update(kinds)


def person_actions() -> list[PersonAction]:
    return list(_actions)


def banners_for(person) -> list[Banner]:
    banners = []
    for source in _banner_sources:
        banners.extend(source(person))
    return banners


def person_page(membership, person) -> dict:
    """What every page about a person shows: the person, their warnings, and the actions the role may take."""
    return {
        "person": person,
        "banners": banners_for(person),
        "person_actions": [a for a in person_actions() if may(membership, a.permission, person)],
    }
