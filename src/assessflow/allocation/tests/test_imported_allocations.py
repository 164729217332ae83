"""A handover file's cases that were with a worker stay with that worker, unless an allocation rule says no."""

from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.allocation.models import Allocation, AssessorProfile
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.people.models import Handover
from assessflow.waiting.models import WaitingListEntry
from assessflow.waiting.tests import conftest as waiting_fixtures
from assessflow.waiting.tests.test_import_lifecycle import checked, handover_file

importer = waiting_fixtures.importer
staff = waiting_fixtures.staff


def _in_pool(cast, *memberships) -> None:
    with scopes_disabled():
        for membership in memberships:
            AssessorProfile.objects.create(council=cast.council_a, membership=membership, weekly_slots=5)


def test_each_case_goes_to_the_worker_the_file_named_and_the_page_says_which_could_not(cast, staff, importer):
    _in_pool(cast, staff["priya"], staff["tom"])
    job = checked(
        importer,
        "with-workers.csv",
        handover_file(
            'W1,Lane,Ivy,04/04/1944,Annual Review,High,"Shah, Priya",01/03/2024,02/03/2024,',
            "W2,Moss,Ada,05/05/1945,Annual Review,Low,tom.okafor@provider-p.example,01/03/2024,02/03/2024,",
            # A team manager is a worker of the council but not in its assessor pool.
            "W3,Hart,Len,06/06/1946,Annual Review,Low,Sam Taylor,01/03/2024,02/03/2024,",
            "W4,Cole,Una,07/07/1947,Annual Review,Low,,01/03/2024,02/03/2024,",
        ),
    )
    assert (job.status, job.error_rows) == ("checked", 0), job.errors
    job = importer.publish(job)
    assert job.status == "imported", job.failure

    with scopes_disabled():
        entries = {e.person.external_reference: e for e in WaitingListEntry.objects.filter(backlog_import=job)}
        open_allocations = {
            a.entry.person.external_reference: a.assessor.email
            for a in Allocation.objects.filter(entry__backlog_import=job, ended_at__isnull=True)
        }
        assert open_allocations == {"W1": "p.shah@council-a.example", "W2": "tom.okafor@provider-p.example"}
        assert {ref: e.status for ref, e in entries.items()} == {
            "W1": "allocated",
            "W2": "allocated",
            "W3": "waiting",
            "W4": "waiting",
        }
        # Each is an allocation like any other: its event, its reason, and a provider's worker's case handed over.
        assert PathwayEvent.objects.filter(work_item_id=str(entries["W1"].pk), event_type=EventType.ALLOCATED).exists()
        allocation = Allocation.objects.get(entry=entries["W1"])
        assert (
            "with-workers.csv" in allocation.reason and allocation.allocated_by == cast.member("council_admin_a").user
        )
        assert Handover.objects.filter(person=entries["W2"].person, ended_at__isnull=True).exists()
        assert not Handover.objects.filter(person=entries["W1"].person).exists()
        job.refresh_from_db()
        assert job.carried_allocations["allocated"] == 2
        [refused] = job.carried_allocations["refused"]
        assert (refused["reference"], refused["worker"]) == ("W3", "sam.taylor@council-a.example")
        assert "not in the council's assessor pool" in refused["message"]

    page = importer.client.get(reverse("waiting:import", args=[job.pk])).content.decode()
    assert "2 cases stay with the worker the file named" in page
    assert "1 case is waiting to be allocated" in page
    assert "Sam Taylor is not in the council&#x27;s assessor pool" in page


def test_carrying_over_twice_allocates_nothing_twice(cast, staff, importer):
    from assessflow.allocation.imported import allocate_imported

    _in_pool(cast, staff["priya"])
    job = checked(
        importer,
        "again.csv",
        handover_file('W1,Lane,Ivy,04/04/1944,Annual Review,High,"Shah, Priya",01/03/2024,02/03/2024,'),
    )
    job = importer.publish(job)
    allocate_imported.call(job.pk, cast.member("council_admin_a").user_id)
    with scopes_disabled():
        assert Allocation.objects.filter(entry__backlog_import=job).count() == 1
