"""Which status moves a waiting-list entry may make. Pure: no database."""

from .models import WaitingListEntry

S = WaitingListEntry.Status

# Allocated -> allocated is a reallocation: another assessor, and the entry's version moves on.
ENTRY_MOVES: dict[str, frozenset[str]] = {
    S.WAITING: frozenset({S.ALLOCATED, S.COMPLETED, S.REMOVED}),
    S.ALLOCATED: frozenset({S.ALLOCATED, S.WAITING, S.COMPLETED, S.REMOVED}),
}
ENTRY = "waiting-list entry"
