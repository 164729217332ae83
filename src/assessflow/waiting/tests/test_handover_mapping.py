"""A council's real handover file imports with only a column and value matching, never an edit to the file;
the matching is saved for the next file, and importing the same file again changes nothing."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.pathway.models import PathwayEvent
from assessflow.people.models import Person
from assessflow.waiting.models import BacklogImport, BacklogMapping, WaitingListEntry

from . import handover
from .importing import value_field

EXPECTED_COLUMNS = {
    "column_external_reference": "Client ID",
    "column_nhs_number": "NHS No",
    "column_family_name": "Surname",
    "column_given_name": "Forename",
    "column_date_of_birth": "DOB",
    "column_gender": "Gender",
    "column_address_line_1": "Address Line 1",
    "column_postcode": "Post Code",
    "column_phone": "Telephone",
    "column_work_type": "Activity",
    "column_priority": "Priority",
    "column_allocated_worker": "Allocated Worker",
    "column_referred_on": "Referral Date",
    "column_added_on": "Date Added",
    "column_last_review_on": "Last Review",
    "column_primary_support_reason": "Primary Support Reason",
}


def matched_by_hand(importer, job, *, save_as: str = "") -> BacklogImport:
    """Accept every match the page offers; match by hand the one value no spelling gives."""
    page, data = importer.matching(job)
    data[value_field(page, "work_type", "Hospital Discharge Assessment")] = "needs_assessment"
    data["save_as"] = save_as
    return importer.match(job, data)


def test_a_handover_file_imports_with_only_a_matching(cast, staff, importer):
    job = importer.upload("mosaic-waiting-list.csv", handover.csv_bytes())
    assert (job.status, job.rows_total) == ("mapping", 500), job.failure
    page, data = importer.matching(job)
    assert "Match the file's columns and values" in page
    # Every column is offered by its name in the old system; the columns Assessflow has no use for are left out.
    assert {name: data[name] for name in EXPECTED_COLUMNS} == EXPECTED_COLUMNS
    assert not {"Team", "Ethnicity", "Comments"} & set(data.values())
    # Values are offered as Assessflow's own, whatever their spelling; "6 week review" and the labels included.
    for value, work_type in handover.EXPECTED_WORK.items():
        assert data[value_field(page, "work_type", value)] == work_type, value
    assert data[value_field(page, "work_type", "Hospital Discharge Assessment")] == "", "no match is guessed"
    assert data[value_field(page, "priority", "High")] == "red"
    assert data[value_field(page, "priority", "Low")] == "green"
    assert data[value_field(page, "gender", "M")] == "Male"
    assert data[value_field(page, "gender", "female")] == "Female"
    assert data[value_field(page, "primary_support_reason", "Personal care")] == (
        "Physical support: Personal care support"
    )

    job = matched_by_hand(importer, job, save_as="Mosaic waiting list")
    assert (job.status, job.rows_total, job.rows_valid, job.error_rows) == ("checked", 500, 500, 0), job.errors[:5]
    page = importer.client.get(reverse("waiting:import", args=[job.pk])).content.decode()
    assert "Checked: ready to import" in page
    job = importer.publish(job)
    assert (job.status, job.people_created, job.people_updated, job.entries_created) == ("imported", 500, 0, 500)

    row = handover.row_of(1)  # "Annual Review", "Medium", "F", the worker given by email in other case
    with scopes_disabled():
        person = Person.objects.get(council=cast.council_a, external_reference=row["Client ID"])
        entry = WaitingListEntry.objects.get(person=person)
        event = PathwayEvent.objects.get(work_item_id=str(entry.pk), event_type="waiting_list_added")
    assert (person.family_name, person.given_name) == (row["Surname"], row["Forename"])
    assert person.date_of_birth == datetime.datetime.strptime(row["DOB"], "%d/%m/%Y").date()
    assert person.nhs_number == row["NHS No"].replace(" ", "")
    assert (entry.work_type, entry.priority, person.gender) == ("annual_review", "amber", "Female")
    assert entry.imported_details["allocated_worker"] == "p.shah@council-a.example"
    added = datetime.datetime.strptime(row["Date Added"], "%d/%m/%Y").date()
    # The case keeps its real wait: it has waited since the file's date, not since the import.
    assert timezone.localdate(entry.added_at) == added
    assert event.occurred_at == entry.added_at
    assert (
        entry.imported_details["referred_on"]
        == datetime.datetime.strptime(row["Referral Date"], "%d/%m/%Y").date().isoformat()
    )
    by_hand = handover.row_of(7)
    with scopes_disabled():
        assert WaitingListEntry.objects.get(person__external_reference=by_hand["Client ID"]).work_type == (
            "needs_assessment"
        )
        provider_case = WaitingListEntry.objects.get(person__external_reference=handover.row_of(2)["Client ID"])
        assert provider_case.imported_details["allocated_worker"] == "tom.okafor@provider-p.example"
        # Every imported person has a history row, as any other change makes.
        people = Person.objects.filter(council=cast.council_a, external_reference__startswith="MOS")
        assert Person.history.filter(id__in=people.values("pk"), history_type="+").count() == 500


def test_the_waiting_list_shows_the_real_waits(cast, staff, importer, sign_in):
    job = importer.publish(matched_by_hand(importer, importer.upload("handover.csv", handover.csv_bytes())))
    assert job.entries_created == 500
    earliest = min(datetime.datetime.strptime(r[14], "%d/%m/%Y").date() for r in handover.rows())
    page = sign_in(cast.member("team_manager_a")).get(reverse("waiting:list")).content.decode()
    assert f"The longest has waited since {earliest:%-d %B %Y}" in page


def test_a_saved_matching_is_offered_and_used_for_the_next_file(cast, staff, importer):
    first = importer.publish(
        matched_by_hand(importer, importer.upload("april.csv", handover.csv_bytes()), save_as="Mosaic")
    )
    assert first.status == "imported"
    with scopes_disabled():
        saved = BacklogMapping.objects.get(council=cast.council_a, name="Mosaic")
        versions = dict(Person.objects.filter(external_reference__startswith="MOS").values_list("pk", "version"))
        history = Person.history.count()
    assert saved.mapping["values"]["work_type"]["Hospital Discharge Assessment"] == "needs_assessment"
    upload_page = importer.client.get(reverse("waiting:imports")).content.decode()
    assert "Mosaic" in upload_page

    # May's file is the same people, unchanged: with the saved matching nothing needs choosing.
    job = importer.upload("may.csv", handover.csv_bytes(), saved=saved.pk)
    assert job.status == "mapping"
    page, data = importer.matching(job)
    assert data[value_field(page, "work_type", "Hospital Discharge Assessment")] == "needs_assessment"
    assert data["save_as"] == "Mosaic"
    job = importer.match(job, data)
    assert (job.rows_valid, job.error_rows) == (500, 0)
    job = importer.publish(job)
    assert (job.people_created, job.people_updated, job.entries_created) == (0, 0, 0)
    with scopes_disabled():
        # Unchanged people keep their version (no one editing them meets a conflict) and gain no history.
        assert dict(Person.objects.filter(pk__in=versions).values_list("pk", "version")) == versions
        assert Person.history.count() == history


def test_a_changed_person_is_updated_once_with_a_history_row(cast, staff, importer):
    job = importer.publish(matched_by_hand(importer, importer.upload("one.csv", handover.csv_bytes(20))))
    assert job.people_created == 20
    moved = handover.csv_bytes(20).replace(b",5 Church Lane,", b",5 Mill Road,")
    again = importer.publish(matched_by_hand(importer, importer.upload("two.csv", moved)))
    assert (again.people_created, again.people_updated, again.entries_created) == (0, 1, 0)
    with scopes_disabled():
        person = Person.objects.get(address_line_1="5 Mill Road")
        kinds = list(Person.history.filter(id=person.pk).order_by("history_id").values_list("history_type", flat=True))
    assert (person.version, kinds) == (2, ["+", "~"])


def test_a_workbook_with_numbered_priorities_and_real_dates_imports(cast, staff, importer):
    job = importer.upload("liquidlogic.xlsx", handover.xlsx_bytes(120))
    assert (job.status, job.rows_total) == ("mapping", 120)
    page, data = importer.matching(job)
    assert data[value_field(page, "priority", "1")] == "red"
    assert data[value_field(page, "priority", "3")] == "green"
    job = matched_by_hand(importer, job)
    assert (job.rows_valid, job.error_rows) == (120, 0), job.errors[:5]
    job = importer.publish(job)
    row = handover.row_of(5, kind="XLSX")
    with scopes_disabled():
        entry = WaitingListEntry.objects.get(person__external_reference=row["Client ID"])
    assert timezone.localdate(entry.added_at) == row["Date Added"]
    assert entry.person.date_of_birth == row["DOB"]


def test_another_header_for_a_list_column_shows_its_values_before_the_check(cast, staff, importer):
    job = importer.upload("handover.csv", handover.csv_bytes(30))
    page, data = importer.matching(job)
    data["column_work_type"] = "Team"  # chosen by mistake: its values have not been seen
    response = importer.client.post(reverse("waiting:import-mapping", args=[job.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Check how the values of this column are matched" in page
    assert "North Locality" in page
    job.refresh_from_db()
    assert job.status == "mapping", "nothing is checked until the values have been seen"


def test_another_councils_saved_matching_is_not_offered(cast, importer):
    with scopes_disabled():
        theirs = BacklogMapping.objects.create(
            council=cast.council_b, name="Council B's system", saved_by=cast.member("council_admin_b").user
        )
    page = importer.client.get(reverse("waiting:imports")).content.decode()
    assert "Council B&#x27;s system" not in page
    upload = SimpleUploadedFile("x.csv", handover.csv_bytes(2))
    response = importer.post(reverse("waiting:imports"), {"file": upload, "saved": theirs.pk})
    assert response.status_code == 400
    with scopes_disabled():
        assert not BacklogImport.objects.filter(original_name="x.csv").exists()


def test_assessflows_own_labels_and_common_spellings_are_taken_in_a_template_file(cast, importer):
    from assessflow.waiting.backlog import COLUMNS

    rows = [
        f"LAB-{i},Ivy,Lane,1944-04-04,,,,,,,{work},{priority}"
        for i, (work, priority) in enumerate(
            [
                ("6-week review", "Red: high risk"),
                ("Carer's assessment", "Amber"),
                ("Deprivation of Liberty Safeguards", "Low"),
                ("6 week review", "2"),
                ("  Annual Review ", ""),
            ]
        )
    ]
    job = importer.upload("template.csv", (",".join(COLUMNS) + "\n" + "\n".join(rows) + "\n").encode())
    assert (job.status, job.rows_valid, job.error_rows) == ("checked", 5, 0), job.errors
    importer.publish(job)
    with scopes_disabled():
        entries = WaitingListEntry.objects.filter(person__external_reference__startswith="LAB-")
        found = dict(entries.values_list("person__external_reference", "work_type"))
        priorities = dict(entries.values_list("person__external_reference", "priority"))
    assert found == {
        "LAB-0": "six_week_review",
        "LAB-1": "carers_assessment",
        "LAB-2": "dols",
        "LAB-3": "six_week_review",
        "LAB-4": "annual_review",
    }
    assert priorities == {"LAB-0": "red", "LAB-1": "amber", "LAB-2": "green", "LAB-3": "amber", "LAB-4": "green"}
