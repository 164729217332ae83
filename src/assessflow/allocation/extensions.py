"""Extension points through which apps above allocation (assessments) add to the caseload, without allocation
importing them."""

from collections.abc import Callable
from dataclasses import dataclass

from assessflow.core.extensions import ExtensionPoint


@dataclass(frozen=True)
class CaseloadAction:
    label: str
    url: str
    post: bool = False  # a button that posts (starting work), rather than a link


# Each is called once per caseload page with (membership, allocations shown) and returns {allocation id: action};
# it must read what it needs for all the rows at once, so the page's queries do not grow with the caseload.
CASELOAD_ACTIONS: ExtensionPoint[Callable[..., dict]] = ExtensionPoint("allocation.caseload_actions")


def caseload_actions(membership, allocations: list) -> dict[int, list[CaseloadAction]]:
    found: dict[int, list[CaseloadAction]] = {}
    for source in CASELOAD_ACTIONS:
        for allocation_id, action in source(membership, allocations).items():
            found.setdefault(allocation_id, []).append(action)
    return found
