"""Actions that apps above the waiting lists (allocation) add to a waiting-list entry's page."""

from dataclasses import dataclass


@dataclass(frozen=True)
class EntryAction:
    label: str
    url_name: str
    permission: str


_actions: list[EntryAction] = []


def register_entry_action(action: EntryAction) -> None:
    if action not in _actions:
        _actions.append(action)


def entry_actions() -> list[EntryAction]:
    return list(_actions)
