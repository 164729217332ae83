"""Extension points through which apps above `people` add to every person page without `people` importing them.

An app registers, in its AppConfig.ready(): actions (links shown on the person page), banner sources (such as
active warnings, shown on every page about the person), the kinds of entry it writes to the person's timeline,
and (safeguarding alone) how a concern is raised from a lower app's page or transition.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from assessflow.audit import page_views
from assessflow.core.extensions import ExtensionPoint
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


PERSON_ACTIONS: ExtensionPoint[PersonAction] = ExtensionPoint("people.person_actions")
# Each takes a person and returns the banners to show on every page about them.
BANNER_SOURCES: ExtensionPoint[Callable[..., list[Banner]]] = ExtensionPoint("people.banner_sources")
# Each maps a timeline kind (the `kind` of the entries an app writes) to its filter label.
TIMELINE_KINDS: ExtensionPoint[Mapping[str, str]] = ExtensionPoint("people.timeline_kinds")
CONCERN_HANDLER: ExtensionPoint[ConcernHandler] = ExtensionPoint("people.concern_handler", single=True)

_OWN_TIMELINE_KINDS = {"record": "Record changes", "pathway": "Referrals, waiting and assessments"}


def timeline_kinds() -> dict[str, str]:
    """Every kind of timeline entry, people's own first, each with the label its filter shows."""
    kinds = dict(_OWN_TIMELINE_KINDS)
    for registered in TIMELINE_KINDS:
        kinds.update(registered)
    return kinds


def concern_link(membership, person, origin: str, origin_id="") -> str:
    handler = CONCERN_HANDLER.one()
    return handler.link(membership, person, origin, origin_id) if handler else ""


def flag_concern(*, actor, person, origin: str, origin_id, what_happened: str):
    """Raise a safeguarding concern from a lower app's transition; None where no safeguarding app is installed."""
    handler = CONCERN_HANDLER.one()
    if handler is None:
        return None
    return handler.flag(actor=actor, person=person, origin=origin, origin_id=origin_id, what_happened=what_happened)


def person_actions() -> list[PersonAction]:
    return list(PERSON_ACTIONS)


def banners_for(person) -> list[Banner]:
    banners = []
    for source in BANNER_SOURCES:
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
