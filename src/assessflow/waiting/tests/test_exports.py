"""Exports of a waiting list: the filtered rows, safe to open in a spreadsheet, and audited."""

import csv
import io

from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from assessflow.audit.models import AccessEvent
from assessflow.exports import safe_cell
from assessflow.people.models import Person


def test_cells_that_a_spreadsheet_would_run_are_neutralised():
    for dangerous in ('=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(dangerous) == "'" + dangerous
    assert safe_cell("Ann") == "Ann"
    assert safe_cell(-5) == -5, "numbers stay numbers"


def test_a_csv_export_holds_the_councils_rows_only_and_is_audited(cast, sign_in):
    with scopes_disabled():
        Person.objects.filter(pk=cast.person_a.pk).update(given_name="=cmd|' /C calc'!A0")
    client = sign_in(cast.member("team_manager_a"))
    response = client.get(reverse("waiting:export-csv"), {"priority": "amber"})
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Person reference", "First name", "Last name"]
    names = {row[2] for row in rows[1:]}
    assert names == {"Ashworth", "Handley", "Quayle"}
    assert "'=cmd|' /C calc'!A0" in {row[1] for row in rows[1:]}
    with scopes_disabled():
        [entry] = AccessEvent.objects.filter(action="waiting.exported")
    assert entry.kind == "export"
    assert entry.detail["rows"] == 3
    assert sorted(entry.detail["people"]) == sorted(
        [cast.person_a.pk, cast.person_a_handed.pk, cast.citizen_person_a.pk]
    )


def test_an_xlsx_export_keeps_dangerous_text_as_text(cast, sign_in):
    with scopes_disabled():
        Person.objects.filter(pk=cast.person_a.pk).update(given_name="=1+1")
    client = sign_in(cast.member("performance_lead_a"))
    response = client.get(reverse("waiting:export-xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'=1+1" in values
    assert sheet.cell(row=1, column=1).value == "Person reference"


def test_assessors_cannot_export(cast, sign_in):
    assert sign_in(cast.member("assessor_a")).get(reverse("waiting:export-csv")).status_code == 403
