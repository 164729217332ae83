"""Backlog import: every row checked first, a report naming row and column, and a retry that adds nothing twice."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import Workbook

from assessflow.pathway.models import PathwayEvent
from assessflow.people.models import Handover, Person, TimelineEntry
from assessflow.waiting.backlog import COLUMNS
from assessflow.waiting.models import BacklogImport, WaitingListEntry, WaitingTally

HEADER = ",".join(COLUMNS)


def csv_file(*rows: str, name: str = "backlog.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join([HEADER, *rows]) + "\n").encode())


GOOD = [
    "LUT-1,Doris,Fairweather,1938-06-14,,4 Orchard Close,LU1 2BQ,,Female,Physical support: Personal care support,"
    "annual_review,amber,2025-06-01,2026-06-01,,412.50,2023-02-01,Home care",
    "LUT-2,Albert,Stone,02/03/1941,,,LU2 0AA,,,,annual_review,red,,,,,,",
    "LUT-3,Edna,Pike,1950-01-01,,,,,,,six_week_review,,,,,,,",
]


@pytest.fixture
def upload(cast, sign_in, django_capture_on_commit_callbacks):
    client = sign_in(cast.member("council_admin_a"))

    def send(file, **extra) -> BacklogImport:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("waiting:imports"), {"file": file, **extra})
        with scopes_disabled():
            return BacklogImport.objects.latest("pk")

    def publish(job, **extra) -> BacklogImport:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("waiting:import-publish", args=[job.pk]), extra)
        job.refresh_from_db()
        return job

    send.publish = publish
    send.client = client
    return send


def people_count(council) -> int:
    with scopes_disabled():
        return Person.objects.filter(council=council).count()


def test_a_valid_file_is_checked_then_imported_once(cast, upload):
    before = people_count(cast.council_a)
    job = upload(csv_file(*GOOD))
    assert (job.status, job.rows_total, job.rows_valid, job.error_rows) == ("checked", 3, 3, 0)
    assert people_count(cast.council_a) == before, "nothing is written before the choice to import"
    job = upload.publish(job)
    assert (job.status, job.people_created, job.entries_created) == ("imported", 3, 3)
    with scopes_disabled():
        doris = Person.objects.get(external_reference="LUT-1")
        entry = WaitingListEntry.objects.get(person=doris)
    assert str(doris.review_due_on) == "2026-06-01"
    assert entry.imported_details["package_weekly_pence"] == 41250
    assert entry.priority == "amber"

    again = upload.publish(upload(csv_file(*GOOD)))
    assert (again.people_created, again.people_updated, again.entries_created) == (0, 0, 0), "unchanged: untouched"
    assert people_count(cast.council_a) == before + 3


def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_written(cast, upload):
    before = people_count(cast.council_a)
    job = upload(
        csv_file(GOOD[0], "LUT-9,,Nobody,31/02/1950,1234567890,,XX,,,,weekly_visit,purple,,,,12.3.4,,", GOOD[1])
    )
    assert (job.rows_valid, job.error_rows) == (2, 1)
    problems = {(e["row"], e["column"]) for e in job.errors}
    assert {
        (3, "given_name"),
        (3, "date_of_birth"),
        (3, "nhs_number"),
        (3, "postcode"),
        (3, "work_type"),
        (3, "priority"),
        (3, "package_weekly_cost"),
    } <= problems
    page = upload.client.get(reverse("waiting:import", args=[job.pk])).content.decode()
    assert "Import only the valid rows" in page
    assert "&#x27;weekly_visit&#x27; is not one of" in page
    assert upload.publish(job).status == "checked", "a file with problems is not imported whole"
    assert people_count(cast.council_a) == before


def test_the_valid_rows_can_be_imported_alone(cast, upload):
    job = upload(csv_file(GOOD[0], "LUT-9,,Nobody,1950-01-01,,,,,,,annual_review,,,,,,,"))
    job = upload.publish(job, only_valid="1")
    assert (job.status, job.people_created) == ("imported", 1)
    with scopes_disabled():
        assert not Person.objects.filter(external_reference="LUT-9").exists()


def test_an_existing_person_is_matched_by_nhs_number(cast, upload):
    row = "LUT-7,Alice,Ashworth,1940-05-17,943 476 5919,,,,,,reassessment,green,,,,,,"
    job = upload.publish(upload(csv_file(row)))
    assert (job.people_created, job.people_updated) == (0, 1)
    cast.person_a.refresh_from_db()
    assert cast.person_a.external_reference == "LUT-7"


def test_a_reference_used_twice_in_one_file_is_a_problem(cast, upload):
    job = upload(csv_file(GOOD[0], GOOD[0]))
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "external_reference")]


def test_an_unknown_worker_is_named(cast, upload):
    row = "LUT-8,Ivy,Lane,1944-04-04,,,,,,,annual_review,,,,nobody@example.org,,,"
    job = upload(csv_file(row))
    assert job.errors == [
        {
            "row": 2,
            "column": "allocated_worker",
            "message": "No worker of this council or its providers has the email 'nobody@example.org'",
        }
    ]


def test_an_xlsx_backlog_handed_to_a_provider(cast, upload):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append(["LUT-20", "Reg", "Holt", "1939-09-09", None, None, None, None, None, None, "annual_review", "green"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with scopes_disabled():
        contract = cast.provider.contracts_held.get(council=cast.council_a)
    job = upload(SimpleUploadedFile("backlog.xlsx", buffer.getvalue()), contract=contract.pk)
    assert job.rows_valid == 1
    upload.publish(job)
    with scopes_disabled():
        reg = Person.objects.get(external_reference="LUT-20")
        assert Handover.objects.filter(person=reg, contract=contract).exists()


def test_an_unreadable_file_says_why(cast, upload):
    job = upload(SimpleUploadedFile("backlog.csv", b"name,date\nx,y\n"))
    assert job.status == "failed"
    assert "missing: external_reference" in job.failure


def test_a_file_that_is_not_csv_says_why(cast, upload):
    job = upload(SimpleUploadedFile("backlog.csv", (HEADER + '\nLUT-1,"' + "x" * 200_000 + '"\n').encode()))
    assert job.status == "failed"
    assert "not a CSV file we can read" in job.failure


def test_a_refused_upload_answers_400_with_its_error_and_starts_nothing(cast, upload):
    for file, message in (
        (SimpleUploadedFile("backlog.txt", b"external_reference\nLUT-1\n"), "must be a CSV or an Excel (.xlsx) file"),
        (SimpleUploadedFile("backlog.csv", b""), "The selected file is empty"),
    ):
        response = upload.client.post(reverse("waiting:imports"), {"file": file})
        assert response.status_code == 400
        page = response.content.decode()
        assert "There is a problem" in page
        assert message in page
    assert upload.client.post(reverse("waiting:imports"), {}).status_code == 400
    with scopes_disabled():
        assert BacklogImport.objects.filter(council=cast.council_a).count() == 1, "only the cast's own import"


def test_the_template_has_every_column(cast, upload):
    response = upload.client.get(reverse("waiting:import-template"))
    assert response.content.decode().splitlines()[0] == HEADER


def test_only_council_administrators_import(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    assert client.get(reverse("waiting:imports")).status_code == 403
    with scopes_disabled():
        before = BacklogImport.objects.count()
    assert client.post(reverse("waiting:imports"), {"file": csv_file(*GOOD)}).status_code == 403
    with scopes_disabled():
        assert BacklogImport.objects.count() == before


def test_an_nhs_number_that_fails_the_modulus_11_check_is_a_problem_and_creates_no_one(cast, upload):
    before = people_count(cast.council_a)
    row = "LUT-32,Ada,Cole,1940-01-01,943 476 5918,,,,,,annual_review,,,,,,,"
    job = upload(csv_file(GOOD[0], row))
    assert job.errors == [{"row": 3, "column": "nhs_number", "message": "'943 476 5918' is not a valid NHS number"}]
    job = upload.publish(job, only_valid="1")
    assert (job.status, job.people_created) == ("imported", 1)
    with scopes_disabled():
        assert not Person.objects.filter(external_reference="LUT-32").exists()
    assert people_count(cast.council_a) == before + 1


def test_an_nhs_number_used_twice_in_one_file_is_a_problem(cast, upload):
    first = "LUT-30,Ada,Cole,1940-01-01,943 476 5919,,,,,,annual_review,,,,,,,"
    second = "LUT-31,Ada,Cole,1940-01-01,9434765919,,,,,,annual_review,,,,,,,"
    job = upload(csv_file(first, second))
    assert job.errors == [{"row": 3, "column": "nhs_number", "message": "'9434765919' is used by an earlier row"}]


def test_a_row_with_an_unknown_worker_is_left_out_of_the_valid_rows(cast, upload):
    stranger = "LUT-8,Ivy,Lane,1944-04-04,,,,,,,annual_review,,,,nobody@example.org,,,"
    job = upload.publish(upload(csv_file(GOOD[0], stranger)), only_valid="1")
    assert (job.status, job.people_created) == ("imported", 1)
    with scopes_disabled():
        assert not Person.objects.filter(external_reference="LUT-8").exists()


def test_rows_are_numbered_as_a_spreadsheet_numbers_them_across_blank_rows(cast, upload):
    job = upload(csv_file(GOOD[0], "", ",,, ,", "LUT-9,,Nobody,1950-01-01,,,,,,,annual_review,,,,,,,"))
    assert [(e["row"], e["column"]) for e in job.errors] == [(5, "given_name")]
    assert (job.rows_total, job.rows_valid) == (2, 1)


def test_a_long_file_is_checked_and_imported_in_batches(cast, upload, monkeypatch):
    monkeypatch.setattr("assessflow.waiting.backlog_services.CHUNK", 2)
    rows = [f"LUT-{i},Name,Family{i},1940-01-01,,,,,,,annual_review,amber,,,,,," for i in range(100, 107)]
    job = upload(csv_file(*rows, rows[1], "LUT-200,,Nobody,1950-01-01,,,,,,,annual_review,,,,,,,"))
    assert job.errors == [
        {"row": 9, "column": "external_reference", "message": "'LUT-101' is used by an earlier row"},
        {"row": 10, "column": "given_name", "message": "Enter first name"},
    ]
    assert (job.rows_total, job.rows_valid, job.error_rows) == (9, 7, 2)
    storage, kept = job.file.storage, f"{job.file.name}.checked"
    assert storage.exists(kept)
    job = upload.publish(job, only_valid="1")
    assert (job.people_created, job.entries_created) == (7, 7)
    assert not storage.exists(kept), "the checked rows are not kept once imported"
    with scopes_disabled():
        entries = WaitingListEntry.objects.filter(person__external_reference__startswith="LUT-1")
        assert entries.count() == 7
        assert {e.priority_rationale for e in entries} == {f"Imported from backlog.csv, row {n}" for n in range(2, 9)}


def test_the_report_keeps_the_first_problems_and_counts_them_all(cast, upload, monkeypatch):
    monkeypatch.setattr("assessflow.waiting.backlog.MAX_ERRORS_KEPT", 3)
    monkeypatch.setattr("assessflow.waiting.backlog_services.MAX_ERRORS_KEPT", 3)
    job = upload(csv_file(*[f"LUT-{i},,Nobody,1950-01-01,,,,,,,annual_review,,,,,,," for i in range(5)]))
    assert [e["row"] for e in job.errors] == [2, 3, 4]
    assert (job.error_rows, job.rows_valid) == (5, 0)


def test_each_imported_entry_is_on_the_pathway_the_timeline_and_the_counts(cast, upload):
    job = upload.publish(upload(csv_file(*GOOD)))
    with scopes_disabled():
        entries = {
            e.person.external_reference: e for e in WaitingListEntry.objects.filter(person__council=cast.council_a)
        }
        edna = entries["LUT-3"]
        event = PathwayEvent.objects.get(work_item_type="waiting.waitinglistentry", work_item_id=str(edna.pk))
        line = TimelineEntry.objects.get(object_type="waiting.waitinglistentry", object_id=str(edna.pk))
        tally = WaitingTally.objects.get(council=cast.council_a, work_type="six_week_review", priority="green")
    assert (event.person_id, event.event_type, event.to_status, event.reason_code) == (
        edna.person_id,
        "waiting_list_added",
        "waiting",
        "green",
    )
    assert event.detail == {"import": job.pk}
    assert event.occurred_at == line.occurred_at == edna.added_at
    assert line.title == "Added to the 6-week review waiting list by a backlog import"
    assert (tally.due_on, tally.waiting) == (edna.due_on, 1)


def test_a_checked_file_whose_kept_rows_are_gone_is_checked_again_not_stuck(cast, upload):
    from assessflow.waiting.backlog_services import _checked_name

    job = upload(csv_file(*GOOD))
    before = people_count(cast.council_a)
    job.file.storage.delete(_checked_name(job))
    job = upload.publish(job)
    assert job.status == "checked"  # checked afresh, nothing written yet
    assert people_count(cast.council_a) == before
    assert upload.publish(job).status == "imported"
    assert people_count(cast.council_a) == before + len(GOOD)


def test_an_imported_case_with_no_review_date_is_due_by_the_councils_timescale(cast, upload):
    import datetime

    from django.utils import timezone

    from assessflow.waiting.models import Timescale, WaitingListEntry
    from assessflow.waiting.timescales import due_date

    with scopes_disabled():
        Timescale.objects.update_or_create(
            council=cast.council_a, work_type="annual_review", priority="red", defaults={"working_days": 3}
        )
    upload.publish(upload(csv_file(GOOD[1])))
    with scopes_disabled():
        entry = WaitingListEntry.objects.get(person__external_reference="LUT-2")
    assert entry.due_on == due_date(added_on=timezone.localdate(), priority="red", working_days=3)
    assert entry.due_on <= timezone.localdate() + datetime.timedelta(days=7)
