"""What the other parts of the work (the plan, the checks, the panel) add to the assessment's task list, without
editing the page: each registers a `PagePart` in the app's `ready()`, and the page shows the ones the role may use."""

from collections.abc import Callable
from dataclasses import dataclass

from assessflow.core.extensions import ExtensionPoint


@dataclass(frozen=True)
class PagePart:
    title: str
    url_name: str  # takes the assessment's id
    permission: str  # checked against the assessment
    # The part's status on the task list ("Not started", "In progress", "Completed", or its own words), from the
    # assessment alone; None shows no status. It must not query the database per assessment it is given.
    status: Callable | None = None
    hint: str = ""


PAGE_PARTS: ExtensionPoint[PagePart] = ExtensionPoint("assessments.page_parts")
