"""Hooks through which apps above `people` add to every person page without `people` importing them.

An app registers, in its AppConfig.ready(): actions (links shown on the person page),
banner sources (such as active warnings, shown on every page about the person), and
the kinds of entry it writes to the person's timeline.
"""

from collections.abc import Callable
from dataclasses import dataclass

from assessflow.audit import page_views
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


@dataclass(frozen=True)
class ConcernHandler:
    """How lower apps reach safeguarding without importing it: a link to raise a concern, and a way to flag one."""

    link: Callable  # (membership, person, origin, origin_id) -> url, or "" where the role may not raise one
    flag: Callable  # (*, actor, person, origin, origin_id, what_happened) -> the concern


_actions: list[PersonAction] = []
_concern_handlers: list[ConcernHandler] = []
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


def register_concern_handler(handler: ConcernHandler) -> None:
    _concern_handlers[:] = [handler]


def concern_link(membership, person, origin: str, origin_id="") -> str:
    return _concern_handlers[0].link(membership, person, origin, origin_id) if _concern_handlers else ""


def flag_concern(*, actor, person, origin: str, origin_id, what_happened: str):
    """Raise a safeguarding concern from a lower app's transition; None where no safeguarding app is installed."""
    if not _concern_handlers:
        return None
    return _concern_handlers[0].flag(
        actor=actor, person=person, origin=origin, origin_id=origin_id, what_happened=what_happened
    )


def person_actions() -> list[PersonAction]:
    return list(_actions)


def banners_for(person) -> list[Banner]:
    banners = []
    for source in _banner_sources:
        banners.extend(source(person))
    return banners


def person_page(membership, person, *, concern_from: tuple[str, object] | None = ("person", "")) -> dict:
    """What every page about a person shows: the person, their warnings, and the actions the role may take.

    `concern_from` names where a safeguarding concern raised from this page comes from (None: offer none,
    as on the safeguarding pages themselves).
    """
    page_views.opened(person)  # a page that shows a person is logged, whichever way it reached them
    return {
        "person": person,
        "banners": banners_for(person),
        "person_actions": [a for a in person_actions() if may(membership, a.permission, person)],
        "raise_concern_url": concern_link(membership, person, *concern_from) if concern_from else "",
    }
