"""A concern raised during screening, through the s.42 decision and the adult's outcomes, into the year's returns."""

import pytest
from django.conf import settings

from .conftest import sign_in
from .test_accessibility import violations

pytestmark = pytest.mark.browser


def figure(page, measure: str, table: str = "") -> int:
    rows = page.locator("table", has_text=table) if table else page
    return int(rows.locator("tr", has_text=measure).first.locator("td").inner_text())


def test_a_concern_raised_at_screening_is_decided_concluded_and_counted(demo_server, browser):
    problems = []
    base = demo_server.url
    officer = browser.new_context().new_page()
    sign_in(officer, base, "frontdoor@demo-borough.example", settings.DEMO_PASSWORD)
    officer.get_by_role("link", name="Screening").first.click()
    officer.locator("main table a").first.click()
    officer.get_by_role("button", name="Screen this referral").click()
    officer.locator("a.app-raise-concern").click()
    officer.fill("#id_what_happened", "Her grandson takes her pension and she is frightened of him")
    officer.get_by_label("High").check()
    officer.get_by_label("Police called").check()
    officer.locator("#id_raiser_anonymous_1").check()
    officer.get_by_role("button", name="Send to the safeguarding team").click()
    assert "Safeguarding concern sent" in officer.content()
    problems += violations(officer)
    reference = officer.locator(".govuk-panel__body strong").inner_text()

    team = browser.new_context().new_page()
    sign_in(team, base, "safeguarding@demo-borough.example", settings.DEMO_PASSWORD)
    team.goto(f"{base}/safeguarding/returns/")
    concluded_before = figure(team, "Section 42 enquiries concluded")
    partly_before = figure(team, "Partially achieved", "Making Safeguarding Personal")
    team.get_by_role("link", name="Safeguarding", exact=True).click()
    team.get_by_role("link", name=reference).click()
    problems += violations(team)
    team.get_by_label("High").check()
    team.get_by_role("button", name="Record triage").click()
    team.get_by_role("button", name="Make the s.42 decision").click()
    team.get_by_role("button", name="Record the decision").click()  # nothing answered: each part is named
    assert "Answer whether there is reasonable cause to suspect that the adult has needs for care and support" in (
        team.content()
    )
    problems += violations(team)
    for part in ("has_care_needs", "abuse_or_risk", "unable_to_protect"):
        team.locator(f"#id_{part}_0").check()
        team.fill(f"#id_{part}_reason", "Recorded from the visit")
    team.get_by_label("Section 42 enquiry").check()
    team.select_option("#id_lead", label="Sara Whitfield")
    team.get_by_role("button", name="Record the decision").click()
    assert "Section 42 enquiry SE-" in team.content()
    problems += violations(team)

    team.get_by_role("link", name="Change who works on it").click()
    team.locator("#id_outcomes_asked_0").check()
    team.locator("#id_outcomes_asked_of_0").check()
    team.locator("#id_outcomes_expressed_0").check()
    team.fill("#id_desired_outcomes", "For the money to stop going and to stay at home")
    team.get_by_role("button", name="Save").click()
    assert "For the money to stop going" in team.content()

    team.get_by_role("button", name="Conclude the enquiry").click()
    problems += violations(team)
    team.get_by_label("Financial or material abuse").check()
    team.select_option("#id_risk_location", label="Own home")
    team.get_by_label("Other: known to the individual").check()
    team.get_by_label("Risk identified and action taken", exact=True).check()
    team.get_by_label("Risk reduced").check()
    team.get_by_label("Partially achieved").check()
    team.fill("#id_conclusion", "Bank mandate changed; grandson moved out; she still gives him cash")
    team.get_by_role("button", name="Conclude the enquiry").click()
    assert "Concluded" in team.content()

    team.goto(f"{base}/safeguarding/returns/")
    assert figure(team, "Section 42 enquiries concluded") == concluded_before + 1
    assert figure(team, "Partially achieved", "Making Safeguarding Personal") == partly_before + 1
    problems += violations(team)

    # The front-door officer who raised it sees nothing of what followed.
    officer.goto(f"{base}/safeguarding/")
    assert reference not in officer.content()
    assert problems == []
