"""An import's life as its administrator sees it: problems named on their rows, refusals that say why, progress
that never reads "0 of 0", a job that fails with its reason instead of hanging, and no copy of the file left."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.people.models import Person
from assessflow.waiting import backlog
from assessflow.waiting.backlog import COLUMNS
from assessflow.waiting.models import BacklogImport, WaitingListEntry

from . import handover
from .importing import value_field

WHO = "worker of this council or its providers"
HEADER = "Client ID,Surname,Forename,DOB,Activity,Priority,Allocated Worker,Referral Date,Date Added,Last Review"


def handover_file(*rows: str) -> bytes:
    return ("\r\n".join([HEADER, *rows]) + "\r\n").encode()


def checked(importer, name: str, content: bytes) -> BacklogImport:
    """Uploaded, matched as the page offers, and checked."""
    job = importer.upload(name, content)
    assert job.status == "mapping", job.failure
    return importer.match(job, importer.matching(job)[1])


def kept(job: BacklogImport, upload: str) -> list[str]:
    """Which of the job's files are still in storage: its upload, the rows its check kept."""
    return [name for name in (upload, f"{upload}.checked") if job.file.storage.exists(name)]


@pytest.fixture
def twins(cast):
    """Two workers of council A with the same name."""
    from assessflow.tests import factories

    with scopes_disabled():
        for email in ("john.smith@council-a.example", "j.smith2@council-a.example"):
            user = factories.UserFactory(full_name="John Smith", email=email)
            factories.MembershipFactory(user=user, organisation=cast.council_a, role="team_manager")


def test_a_worker_no_one_or_several_could_be_is_named_on_the_row(cast, staff, twins, importer):
    job = checked(
        importer,
        "workers.csv",
        handover_file(
            'W1,Lane,Ivy,04/04/1944,Annual Review,High,"Shah, Priya",01/03/2024,02/03/2024,',
            'W2,Moss,Ada,05/05/1945,Annual Review,Low,"Smith, John",01/03/2024,02/03/2024,',
            "W3,Hart,Len,06/06/1946,Annual Review,Low,Nobody Atall,01/03/2024,02/03/2024,",
            "W4,Cole,Una,07/07/1947,Annual Review,Low,Bea Outside,01/03/2024,02/03/2024,",
            "W5,Ford,Vic,08/08/1948,Annual Review,Low,q@provider-q.example,01/03/2024,02/03/2024,",
        ),
    )
    assert (job.status, job.rows_valid, job.error_rows) == ("checked", 1, 4)
    assert job.errors == [
        {
            "row": 3,
            "column": "allocated_worker",
            "message": "'Smith, John' could be any of 2 workers: give the worker's email instead",
        },
        {"row": 4, "column": "allocated_worker", "message": f"No {WHO} is called 'Nobody Atall'"},
        # A worker of another council, or of a provider that works only for another council, is no one here.
        {"row": 5, "column": "allocated_worker", "message": f"No {WHO} is called 'Bea Outside'"},
        {
            "row": 6,
            "column": "allocated_worker",
            "message": "No worker of this council or its providers has the email 'q@provider-q.example'",
        },
    ]  # fmt: skip
    page = importer.client.get(reverse("waiting:import", args=[job.pk])).content.decode()
    assert "4 rows have problems" in page
    assert "ready to import" not in page
    assert "Allocated Worker (<code>allocated_worker</code>)" in page, "the file's own header is named"
    assert "4 rows have problems" in importer.client.get(reverse("waiting:imports")).content.decode()


def test_import_all_with_problems_left_is_refused_with_the_reason(cast, staff, importer):
    job = checked(
        importer,
        "dates.csv",
        handover_file(
            "D1,Lane,Ivy,04/04/1944,Annual Review,High,,01/03/2024,02/03/2024 00:00:00,",
            "D2,Moss,Ada,05/05/1945,6 week review,Low,,31/02/2024,02/03/2024,",
            f"D3,Hart,Len,06/06/1946,6 week review,Low,,01/03/2024,{datetime.date.today().year + 1}-01-01,",
            "D4,Cole,Una,07/07/1947,Annual Review,Low,,01/03/2024,02/03/2024,01/01/2099",
        ),
    )
    assert (job.rows_valid, job.error_rows) == (1, 3)
    messages = {(e["row"], e["column"]): e["message"] for e in job.errors}
    assert messages[(3, "referred_on")] == "'31/02/2024' is not a date like 1941-03-27 or 27/03/1941"
    assert messages[(4, "added_on")].startswith("The date added to the list ")
    assert messages[(4, "added_on")].endswith("is in the future")
    assert messages[(5, "last_review_on")] == "The last review date 2099-01-01 is in the future"

    response = importer.post(reverse("waiting:import-publish", args=[job.pk]))
    assert response.status_code == 400
    assert (
        "Nothing was imported: 3 rows have problems. Fix the file, or import only the 1 valid rows"
        in response.content.decode()
    )
    job.refresh_from_db()
    assert job.status == "checked"
    with scopes_disabled():
        assert not Person.objects.filter(external_reference__startswith="D").exists()

    job = importer.publish(job, only_valid="1")
    with scopes_disabled():
        entry = WaitingListEntry.objects.get(person__external_reference="D1")
    assert job.status == "imported"
    assert entry.added_at.date() == datetime.date(2024, 3, 2), "a date with a time of day is that day"


def test_progress_says_reading_until_the_rows_are_counted(cast, importer):
    with scopes_disabled():
        job = BacklogImport.objects.create(
            council=cast.council_a,
            uploaded_by=cast.member("council_admin_a").user,
            original_name="big.xlsx",
            status="validating",
        )
    page = importer.client.get(reverse("waiting:import", args=[job.pk])).content.decode()
    progress = importer.client.get(reverse("waiting:import-progress", args=[job.pk])).json()
    assert "0 of 0" not in page
    assert "Reading the file" in page
    assert progress["text"] == "Reading the file"
    with scopes_disabled():
        BacklogImport.objects.filter(pk=job.pk).update(rows_total=2000, rows_checked=500)
    progress = importer.client.get(reverse("waiting:import-progress", args=[job.pk])).json()
    assert progress["text"] == "500 of 2,000 rows checked"


def test_a_check_that_breaks_fails_the_job_with_its_reason(cast, importer, monkeypatch):
    def broken(text):
        raise RuntimeError("the rule broke")

    monkeypatch.setattr(backlog, "_postcode", broken)
    job = importer.upload(
        "template.csv", (",".join(COLUMNS) + "\nLUT-1,Ivy,Lane,1944-04-04,,,LU1 2BQ,,,,annual_review\n").encode()
    )
    assert job.status == "failed"
    page = importer.client.get(reverse("waiting:import", args=[job.pk])).content.decode()
    assert "The check stopped on a problem we did not expect (RuntimeError: the rule broke)" in page
    assert "Nothing was imported" in page
    assert job.file.name == "", "neither the upload nor any kept rows are left"


def test_a_superscript_digit_never_leaves_the_check_running(cast, importer):
    row = "LUT-1,Ivy,Lane,1944-04-04,943 476 591\u2079,,,,,,annual_review"
    job = importer.upload("template.csv", (",".join(COLUMNS) + "\n" + row + "\n").encode())
    assert job.status in ("checked", "failed")
    page = importer.client.get(reverse("waiting:import", args=[job.pk])).content.decode()
    assert "0 of 2" not in page
    # Whether the number is refused on its row or breaks the check, the administrator is told.
    assert "nhs_number" in page if job.status == "checked" else "stopped on a problem we did not expect" in page


def test_the_file_is_deleted_once_published(cast, staff, importer):
    job = checked(importer, "h.csv", handover.csv_bytes(7))
    upload = job.file.name
    assert kept(job, upload) == [upload, f"{upload}.checked"]
    job = importer.publish(job)
    assert job.status == "imported"
    assert kept(job, upload) == []
    assert (job.file.name, job.survey) == ("", {})


def test_an_import_waiting_on_its_administrator_can_be_abandoned(cast, staff, importer):
    waiting = importer.upload("h.csv", handover.csv_bytes(7))
    checked_job = checked(importer, "g.csv", handover.csv_bytes(7))
    uploads = {waiting.pk: waiting.file.name, checked_job.pk: checked_job.file.name}
    assert len(kept(waiting, uploads[waiting.pk]) + kept(checked_job, uploads[checked_job.pk])) == 3
    for job in (waiting, checked_job):
        page = importer.client.get(reverse("waiting:import", args=[job.pk])).content.decode()
        assert "Abandon this import" in page
        importer.post(reverse("waiting:import-abandon", args=[job.pk]))
        job.refresh_from_db()
        assert (job.status, job.file.name, job.survey) == ("abandoned", "", {})
        assert kept(job, uploads[job.pk]) == [], "the upload and the kept rows are gone"
    response = importer.post(reverse("waiting:import-abandon", args=[waiting.pk]))
    assert response.status_code == 400
    assert "cannot be abandoned now" in response.content.decode()
    with scopes_disabled():
        assert not Person.objects.filter(external_reference__startswith="MOS").exists()


def test_a_value_the_check_refused_can_be_matched_again(cast, staff, importer):
    job = importer.upload("h.csv", handover.csv_bytes(16))
    job = importer.match(job, importer.matching(job)[1])  # "Hospital Discharge Assessment" left unmatched
    assert job.error_rows == 2
    assert "'Hospital Discharge Assessment' is not one of" in job.errors[0]["message"]
    importer.post(reverse("waiting:import-rematch", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "mapping"
    page, data = importer.matching(job)
    data[value_field(page, "work_type", "Hospital Discharge Assessment")] = "needs_assessment"
    job = importer.match(job, data)
    assert (job.rows_valid, job.error_rows) == (16, 0)


def test_an_import_that_breaks_writes_nothing_and_says_why(cast, staff, importer, monkeypatch):
    from assessflow.waiting import backlog_publish

    def broken(self, rows, person_ids, **kwargs):
        raise RuntimeError("the disk is full")

    job = checked(importer, "h.csv", handover.csv_bytes(7))
    upload = job.file.name
    monkeypatch.setattr(backlog_publish.Publisher, "_entries", broken)
    job = importer.publish(job)
    assert job.status == "failed"
    assert "The import stopped on a problem we did not expect (RuntimeError: the disk is full)" in job.failure
    with scopes_disabled():
        assert not Person.objects.filter(external_reference__startswith="MOS").exists()
    assert kept(job, upload) == []
