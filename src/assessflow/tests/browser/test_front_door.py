"""A referral's round trip in a real browser: sent by a GP, screened onto a waiting list, followed by the GP."""

import pytest
from django.conf import settings

from .conftest import sign_in
from .test_accessibility import violations

pytestmark = pytest.mark.browser


def test_a_referrer_sends_a_referral_and_sees_it_screened(demo_server, browser):
    problems = []
    gp = browser.new_context().new_page()
    sign_in(gp, demo_server.url, "gp@riverside-practice.example", settings.DEMO_PASSWORD)
    gp.get_by_role("link", name="Make a referral").first.click()
    gp.fill("#id_given_name", "Winifred")
    gp.fill("#id_family_name", "Oakes")
    gp.fill("#id_date_of_birth_0", "2")
    gp.fill("#id_date_of_birth_1", "2")
    gp.fill("#id_date_of_birth_2", "1939")
    gp.fill("#id_address_line_1", "3 Beech Grove")
    gp.fill("#id_postcode", "DB4 2QT")
    gp.click("main form button[type=submit]")
    problems += violations(gp)
    gp.get_by_label("GP").check()
    gp.fill("#id_reason", "Two falls this month; struggling with stairs.")
    gp.get_by_label("Urgent: today").check()
    gp.locator("#id_consent_to_referral_0").check()
    gp.locator("#id_consent_to_share_outcome_0").check()
    gp.click("main form button[type=submit]")
    assert "Check your answers" in gp.content()
    problems += violations(gp)
    gp.get_by_role("button", name="Send the referral").click()
    assert "Referral sent" in gp.content()
    problems += violations(gp)
    reference = gp.locator(".govuk-panel__body strong").inner_text()
    referral_url = gp.url

    officer = browser.new_context().new_page()
    sign_in(officer, demo_server.url, "frontdoor@demo-borough.example", settings.DEMO_PASSWORD)
    officer.get_by_role("link", name="Screening").first.click()
    officer.get_by_role("link", name=reference).click()
    officer.get_by_role("button", name="Screen this referral").click()
    officer.locator("#id_at_risk_1").check()
    officer.locator("#id_lacks_capacity_1").check()
    officer.get_by_label("Add to a waiting list").check()
    officer.select_option("#id_work_type", label="Needs assessment")
    officer.get_by_label("Red: high risk").check()
    officer.fill("#id_note", "Falls risk, lives alone.")
    officer.click("form[data-autosave] button[type=submit]")
    assert "Waiting for: needs assessment" in officer.content()
    problems += violations(officer)

    gp.goto(referral_url)
    assert "Screened" in gp.content()
    assert "On a waiting list" in gp.content()

    other = browser.new_context().new_page()
    sign_in(other, demo_server.url, "discharge@demo-hospital.example", settings.DEMO_PASSWORD)
    response = other.goto(referral_url)
    assert response.status == 404
    assert not problems, "\n".join(problems)
