"""A worker's day on one record, in a real browser: a note, a document, a task and a letter, all on the timeline."""

import pytest
from django.conf import settings

from .conftest import sign_in
from .test_accessibility import find_someone, violations

pytestmark = pytest.mark.browser


def test_a_worker_records_casework_and_sees_it_all_on_the_timeline(demo_server, page, tmp_path):
    problems = []
    sign_in(page, demo_server.url, "social.worker@demo-borough.example", settings.DEMO_PASSWORD)
    find_someone(page, demo_server.url)
    page.locator("table a").first.click()
    person_url = page.url

    page.get_by_role("link", name="Add a note").click()
    problems += violations(page)
    page.get_by_label("Phone call").check()
    page.fill("#id_text", "Spoke to daughter: mum managing, wants a review of evening calls.")
    page.click("form[data-autosave] button[type=submit]")

    page.get_by_role("link", name="Upload a document").click()
    problems += violations(page)
    scan = tmp_path / "gp-letter.pdf"
    scan.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    page.fill("#id_title", "Letter from the GP")
    page.set_input_files("#id_file", str(scan))
    page.click("main form button[type=submit]")

    page.get_by_role("link", name="Set a task").click()
    problems += violations(page)
    page.fill("#id_title", "Arrange evening call review")
    page.fill("#id_due_on_0", "15")
    page.fill("#id_due_on_1", "12")
    page.fill("#id_due_on_2", "2026")
    page.select_option("#id_assigned_to", label="Sam Okoro")
    page.click("form[data-autosave] button[type=submit]")

    page.get_by_role("link", name="Write a letter").click()
    page.select_option("#id_template", label="Appointment")
    page.get_by_role("button", name="Preview").click()
    page.wait_for_load_state()
    assert "Your care and support review" in page.content()
    problems += violations(page)
    page.get_by_role("button", name="Create the letter").click()

    # Filed, not sent: the worker says when it went.
    assert "Not sent yet" in page.content()
    problems += violations(page)
    page.get_by_label("Posted").check()
    page.get_by_role("button", name="Mark as sent").click()
    assert "Posted on" in page.content()

    page.goto(person_url)
    timeline = page.locator(".moj-timeline").inner_text()
    for expected in (
        "Phone call",
        "Document: Letter from the GP",
        "Task set: Arrange evening call review",
        "Letter filed: Appointment",
        "Letter sent: Appointment",
    ):
        assert expected in timeline
    problems += violations(page)

    page.goto(f"{demo_server.url}/casework/tasks/")
    assert "Arrange evening call review" in page.content()
    problems += violations(page)
    assert not problems, "\n".join(problems)
