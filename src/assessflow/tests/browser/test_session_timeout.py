"""An idle session warns first, can be extended, and when it does end nothing typed is lost."""

import pytest
from django.conf import settings

from .conftest import DemoServer, sign_in
from .test_accessibility import violations

pytestmark = pytest.mark.browser

IDLE_SECONDS = 12
WARNING_SECONDS = 8


@pytest.fixture(scope="module")
def short_session_server(demo_server, browser_var):
    """The demo database, served with a session that ends after a few idle seconds."""
    server = DemoServer(
        browser_var, SESSION_IDLE_SECONDS=str(IDLE_SECONDS), SESSION_WARNING_SECONDS=str(WARNING_SECONDS)
    )
    server.start()
    yield server
    server.stop()


def test_the_warning_offers_more_time(short_session_server, page):
    sign_in(page, short_session_server.url, "frontdoor@demo-borough.example", settings.DEMO_PASSWORD)
    page.goto(f"{short_session_server.url}/people/new/")
    dialog = page.locator("#timeout-dialog")
    dialog.wait_for(state="visible", timeout=(IDLE_SECONDS - WARNING_SECONDS + 3) * 1000)
    assert "You're about to be signed out" in dialog.inner_text()
    assert page.evaluate("document.activeElement.closest('dialog') !== null"), "focus moves into the dialog"
    assert violations(page) == []

    page.get_by_role("button", name="Stay signed in").click()
    dialog.wait_for(state="hidden")
    page.wait_for_timeout((IDLE_SECONDS - WARNING_SECONDS - 2) * 1000)
    page.goto(f"{short_session_server.url}/")
    assert "/sign-in/" not in page.url, "the session was renewed"


def test_answers_typed_before_a_timeout_come_back_after_signing_in(short_session_server, page):
    sign_in(page, short_session_server.url, "frontdoor@demo-borough.example", settings.DEMO_PASSWORD)
    page.goto(f"{short_session_server.url}/people/new/")
    page.fill("#id_given_name", "Winifred")
    page.fill("#id_communication_needs", "Uses British Sign Language")
    page.wait_for_url("**/sign-in/?timeout=1**", timeout=(IDLE_SECONDS + 5) * 1000)
    assert "You were signed out because you had not done anything for a while" in page.content()

    page.fill("#id_username", "frontdoor@demo-borough.example")
    page.fill("#id_password", settings.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/people/new/")
    assert page.input_value("#id_given_name") == "Winifred"
    assert page.input_value("#id_communication_needs") == "Uses British Sign Language"
    assert "We put back answers you had typed but not saved" in page.content()


def test_another_user_signing_in_on_the_same_tab_does_not_get_the_draft(short_session_server, page):
    sign_in(page, short_session_server.url, "frontdoor@demo-borough.example", settings.DEMO_PASSWORD)
    page.goto(f"{short_session_server.url}/people/new/")
    page.fill("#id_given_name", "Confidential")
    page.wait_for_url("**/sign-in/?timeout=1**", timeout=(IDLE_SECONDS + 5) * 1000)
    page.fill("#id_username", "social.worker@demo-borough.example")
    page.fill("#id_password", settings.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/people/new/")
    assert page.input_value("#id_given_name") == ""


def test_a_saved_form_leaves_no_draft_behind(demo_server, page):
    sign_in(page, demo_server.url, "frontdoor@demo-borough.example", settings.DEMO_PASSWORD)
    page.goto(f"{demo_server.url}/people/new/")
    page.fill("#id_given_name", "Reginald")
    page.fill("#id_family_name", "Draftless")
    page.fill("#id_date_of_birth_0", "2")
    page.fill("#id_date_of_birth_1", "2")
    page.fill("#id_date_of_birth_2", "1944")
    page.click("form[data-autosave] button[type=submit]")
    page.wait_for_url("**/people/*/")
    assert "Reginald Draftless" in page.content()
    page.goto(f"{demo_server.url}/people/new/")
    assert page.input_value("#id_given_name") == ""
