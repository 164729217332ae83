"""Exports of a waiting list: the filtered rows, safe to open in a spreadsheet, and audited."""

import csv
import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from assessflow.audit.models import AccessEvent
from assessflow.core.exports import safe_cell
from assessflow.people.models import Person
from assessflow.tests import factories
from assessflow.waiting.models import WaitingListEntry


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
    assert names == {"Ashworth", "Handley", "Quayle", "Quigley", "Quennell"}
    assert "'=cmd|' /C calc'!A0" in {row[1] for row in rows[1:]}
    with scopes_disabled():
        [entry] = AccessEvent.objects.filter(action="waiting.exported")
    assert entry.kind == "export"
    assert entry.detail["rows"] == 5
    assert sorted(entry.detail["people"]) == sorted(
        [
            cast.person_a.pk,
            cast.person_a_handed.pk,
            cast.citizen_person_a.pk,
            cast.person_a_handed_q.pk,
            cast.citizen_person_a2.pk,
        ]
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
    client = sign_in(cast.member("assessor_a"))
    assert client.get(reverse("waiting:export-csv")).status_code == 403
    assert client.get(reverse("waiting:export-xlsx")).status_code == 403
    with scopes_disabled():
        assert not AccessEvent.objects.filter(action="waiting.exported").exists()


def _foreign_teams(cast) -> dict:
    with scopes_disabled():
        return {
            "another council's team": factories.TeamFactory(organisation=cast.council_b).pk,
            "the provider's team": factories.TeamFactory(organisation=cast.provider).pk,
            "a team that does not exist": 999_999,
        }


@pytest.mark.parametrize("route", ["waiting:export-csv", "waiting:export-xlsx"])
def test_an_export_filtered_on_a_team_that_is_not_the_councils_is_refused_not_widened(cast, sign_in, route):
    client = sign_in(cast.member("team_manager_a"))
    for label, team in _foreign_teams(cast).items():
        response = client.get(reverse(route), {"team": team})
        assert response.status_code == 400, label
        assert "Content-Disposition" not in response, label
        page = response.content.decode()
        assert "The team filter must be one of your council&#x27;s teams" in page, label
        assert "Ashworth" not in page
    with scopes_disabled():
        assert not AccessEvent.objects.filter(action="waiting.exported").exists()
        own = factories.TeamFactory(organisation=cast.council_a)
        WaitingListEntry.objects.filter(person=cast.person_a).update(team=own)
    response = client.get(reverse(route), {"team": own.pk})
    assert response.status_code == 200, "the council's own team still filters the export"
    with scopes_disabled():
        [entry] = AccessEvent.objects.filter(action="waiting.exported")
    assert entry.detail["people"] == [cast.person_a.pk]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"work_type": "junk"}, "The work filter must be one of the kinds of work listed"),
        ({"priority": "purple"}, "The priority filter must be one of the priorities listed"),
        ({"sort": "name"}, "The order must be longest waiting first or soonest due first"),
    ],
)
def test_an_export_with_an_unknown_filter_value_names_the_filter(cast, sign_in, query, message):
    response = sign_in(cast.member("performance_lead_a")).get(reverse("waiting:export-csv"), query)
    assert response.status_code == 400
    assert message in response.content.decode()
