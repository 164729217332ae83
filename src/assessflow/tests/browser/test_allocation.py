"""A manager asks for suggestions on the demo council, reads why, accepts them, and caseloads fill."""

import pytest
from django.conf import settings

from .conftest import sign_in
from .test_accessibility import violations

pytestmark = pytest.mark.browser


def open_on_caseloads(manager, url: str) -> int:
    """The open cases on every assessor's caseload, as the manager's caseloads page counts them."""
    manager.goto(f"{url}/allocation/team/")
    assert "Caseloads" in manager.title()
    opens = manager.locator("table").first.locator("tbody tr td:nth-child(2)").all_inner_texts()
    return sum(int(n) for n in opens)


def test_a_manager_accepts_suggestions_and_caseloads_update(demo_server, browser):
    problems = []
    manager = browser.new_context().new_page()
    sign_in(manager, demo_server.url, "manager@demo-borough.example", settings.DEMO_PASSWORD)
    already_open = open_on_caseloads(manager, demo_server.url)  # the demo's work already allocated
    manager.get_by_role("link", name="Allocate", exact=True).first.click()
    problems += violations(manager)
    manager.get_by_role("button", name="Suggest allocations").click()
    manager.wait_for_selector("text=Suggestions by assessor")
    problems += violations(manager)
    boxes = manager.locator("input[name=entry]")
    suggested = boxes.count()
    assert suggested > 0
    assert manager.locator("input[name=entry]:checked").count() == 0  # nothing is ticked for the manager
    groups = manager.locator("details.govuk-details")
    for i in range(groups.count()):
        group = groups.nth(i)
        group.locator("summary").click()
        if group.locator("summary").inner_text().startswith("Adam Shah"):  # unqualified: proportionate reviews only
            for case in group.locator("tbody tr td:nth-child(2)").all_inner_texts():
                assert "review" in case.lower()
    manager.get_by_role("button", name="Accept the ones ticked").click()
    assert "Select the suggestions to accept" in manager.locator(".govuk-error-summary").inner_text()
    manager.get_by_role("button", name="Accept all").click()
    assert manager.get_by_role("heading", level=1).inner_text() == f"Accept all {suggested} suggestions?"
    problems += violations(manager)
    manager.get_by_role("button", name="Yes, accept all").click()
    assert f"{suggested} suggestions accepted" in manager.locator(".govuk-notification-banner").inner_text()
    assert manager.get_by_role("button", name=f"Undo these {suggested} allocations").is_visible()
    problems += violations(manager)
    assert open_on_caseloads(manager, demo_server.url) == already_open + suggested

    worker = browser.new_context().new_page()
    sign_in(worker, demo_server.url, "social.worker@demo-borough.example", settings.DEMO_PASSWORD)
    worker.get_by_role("link", name="Your caseload").first.click()
    assert "Nothing is allocated to you" not in worker.content()
    problems += violations(worker)
    assert problems == []
