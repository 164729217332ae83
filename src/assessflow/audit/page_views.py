"""What a page request opened about people and what it logged, so no page shows a person unlogged.

The gate that opens a person's record (and the heading every page about a person shows) notes the person
here; `record_access` notes each view it writes. `audit.middleware` logs the difference once the page is shown.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import models


@dataclass
class PageViews:
    opened: dict[int, models.Model] = field(default_factory=dict)
    logged: set[int] = field(default_factory=set)

    def unlogged(self) -> list[models.Model]:
        return [person for pk, person in self.opened.items() if pk not in self.logged]


_current: ContextVar[PageViews | None] = ContextVar("page_views", default=None)


@contextmanager
def tracking() -> Iterator[PageViews]:
    views = PageViews()
    token = _current.set(views)
    try:
        yield views
    finally:
        _current.reset(token)


def opened(person: models.Model) -> None:
    """This request opened the person's record. Outside a request (a job, a command) there is no page to log."""
    views = _current.get()
    if views is not None:
        views.opened.setdefault(person.pk, person)


def logged(person_id: int) -> None:
    views = _current.get()
    if views is not None:
        views.logged.add(person_id)
