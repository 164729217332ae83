"""A council administrator imports a backlog in the browser: the report, the choice, the result."""

import pytest
from django.conf import settings

from assessflow.waiting.backlog import COLUMNS

from .conftest import sign_in
from .test_accessibility import violations

pytestmark = pytest.mark.browser


def test_an_administrator_imports_the_valid_rows_of_a_backlog(demo_server, page, tmp_path):
    backlog = tmp_path / "luton-reviews.csv"
    backlog.write_text(
        ",".join(COLUMNS)
        + "\nBRW-1,Olive,Marsh,1937-01-05,,,DB2 4NT,,,,annual_review,amber,,,,,,"
        + "\nBRW-2,,Nameless,1937-13-05,,,,,,,annual_review,,,,,,,\n"
    )
    problems = []
    sign_in(page, demo_server.url, "admin@demo-borough.example", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Import a backlog").first.click()
    problems += violations(page)
    page.set_input_files("#id_file", str(backlog))
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=1 row has problems")
    assert "Enter first name" in page.content()
    problems += violations(page)
    page.get_by_role("button", name="Import only the valid rows").click()
    page.wait_for_selector("text=1 people added")
    problems += violations(page)
    assert not problems, "\n".join(problems)


def test_an_administrator_matches_a_handover_file_in_the_browser(demo_server, page, tmp_path):
    from assessflow.waiting.tests import handover

    backlog = tmp_path / "mosaic-export.csv"
    backlog.write_bytes(handover.csv_bytes(24))
    problems = []
    sign_in(page, demo_server.url, "admin@demo-borough.example", settings.DEMO_PASSWORD)
    page.goto(demo_server.url + "/waiting/imports/")
    page.set_input_files("#id_file", str(backlog))
    page.click("main form button[type=submit]")
    page.get_by_role("button", name="Match the columns and values").click()
    page.wait_for_selector("text=Work type: the values in")
    problems += violations(page)
    page.get_by_label("Hospital Discharge Assessment").select_option("needs_assessment")
    # The file's workers are not the demo's.
    page.get_by_label("Allocated worker (optional)", exact=True).select_option("")
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_selector("text=Checked: ready to import")
    problems += violations(page)
    assert not problems, "\n".join(problems)
