"""Extension points through which apps above the waiting lists (allocation) add to an entry's page and follow
what happens to entries, without the waiting lists importing them."""

from collections.abc import Callable
from dataclasses import dataclass

from assessflow.core.extensions import ExtensionPoint


@dataclass(frozen=True)
class EntryAction:
    label: str
    url_name: str
    permission: str
    post: bool = False  # a button that posts to the address (starting work), rather than a link


ENTRY_ACTIONS: ExtensionPoint[EntryAction] = ExtensionPoint("waiting.entry_actions")
# Each is called inside the transaction when an entry leaves the list (completed or removed): (*, entry, actor).
ENTRY_LEFT_LIST: ExtensionPoint[Callable[..., None]] = ExtensionPoint("waiting.entry_left_list")
# Each is called once an import's cases are on the lists, after its transaction commits: (*, job_id, user_id),
# the user being who imported.
BACKLOG_PUBLISHED: ExtensionPoint[Callable[..., None]] = ExtensionPoint("waiting.backlog_published")


def entry_actions() -> list[EntryAction]:
    return list(ENTRY_ACTIONS)


def entry_left_list(*, entry, actor) -> None:
    """Tell every app that follows entries that this one has left the list, in the caller's transaction."""
    for react in ENTRY_LEFT_LIST:
        react(entry=entry, actor=actor)


def backlog_published(*, job_id: int, user_id: int) -> None:
    """Tell every app that follows imports that this one's cases are on the lists."""
    for react in BACKLOG_PUBLISHED:
        react(job_id=job_id, user_id=user_id)
