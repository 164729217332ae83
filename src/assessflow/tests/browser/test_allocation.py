"""A manager asks for suggestions on the demo council, reads why, accepts them, and caseloads fill."""

import pytest
from django.conf import settings

from .conftest import sign_in
from .test_accessibility import violations

pytestmark = pytest.mark.browser


def test_a_manager_accepts_suggestions_and_caseloads_update(demo_server, browser):
    problems = []
    manager = browser.new_context().new_page()
    sign_in(manager, demo_server.url, "manager@demo-borough.example", settings.DEMO_PASSWORD)
    manager.get_by_role("link", name="Allocate", exact=True).first.click()
    problems += violations(manager)
    manager.get_by_role("button", name="Suggest allocations").click()
    manager.wait_for_selector("text=Score")
    problems += violations(manager)
    rows = manager.locator("table").first.locator("tbody tr")
    suggested = rows.count()
    assert suggested > 0
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        if cells.nth(2).inner_text().strip() == "Adam Shah":  # unqualified: proportionate reviews only
            assert "review" in cells.nth(1).inner_text().lower()
    manager.get_by_role("button", name="Accept all").click()
    assert "Caseloads" in manager.title()
    problems += violations(manager)
    opens = manager.locator("table").first.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert sum(int(n) for n in opens) == suggested

    worker = browser.new_context().new_page()
    sign_in(worker, demo_server.url, "social.worker@demo-borough.example", settings.DEMO_PASSWORD)
    worker.get_by_role("link", name="Your caseload").first.click()
    assert "Nothing is allocated to you" not in worker.content()
    problems += violations(worker)
    assert problems == []
