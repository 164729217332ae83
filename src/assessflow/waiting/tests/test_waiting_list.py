"""The waiting list as staff use it: filtered, counted, paged, and reprioritised with a reason."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.audit.models import AccessEvent
from assessflow.tests.factories import PersonFactory, WaitingListEntryFactory
from assessflow.waiting.models import WaitingListEntry, WaitingTally
from assessflow.waiting.tallies import rebuild_tallies


def test_counts_filters_and_the_overdue_flag(cast, sign_in):
    with scopes_disabled():
        for i in range(6):
            WaitingListEntryFactory(
                person=PersonFactory(council=cast.council_a),
                priority="red" if i < 2 else "green",
                work_type="dols" if i % 2 else "annual_review",
                due_on=datetime.date(2020, 1, 1) if i == 0 else datetime.date(2099, 1, 1),
            )
    client = sign_in(cast.member("front_door_a"))
    page = client.get(reverse("waiting:list")).context["page"]
    assert page.total == 11  # six here, five from the cast's council A people
    assert page.by_priority["red"] == 2
    red = client.get(reverse("waiting:list"), {"priority": "red"}).context["page"]
    assert red.total == 2
    assert red.by_work_type == {"annual_review": 1, "dols": 1}
    overdue = client.get(reverse("waiting:list"), {"overdue": "on"}).context["page"]
    assert overdue.total == overdue.overdue == 1


def test_the_list_pages_by_key_longest_waiting_first(cast, sign_in):
    start = timezone.now() - datetime.timedelta(days=400)
    with scopes_disabled():
        WaitingListEntry.objects.filter(council=cast.council_a).update(added_at=timezone.now())
        for i in range(60):
            WaitingListEntryFactory(
                person=PersonFactory(council=cast.council_a), added_at=start + datetime.timedelta(days=i)
            )
    client = sign_in(cast.member("front_door_a"))
    first = client.get(reverse("waiting:list")).context["page"]
    assert len(first.entries) == 50
    assert first.entries[0].added_at == start
    second = client.get(reverse("waiting:list"), {"after": first.next_cursor}).context["page"]
    assert second.entries[0].added_at == start + datetime.timedelta(days=50)
    assert {e.pk for e in first.entries}.isdisjoint({e.pk for e in second.entries})


def test_viewing_the_list_is_audited_with_the_people_shown(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    client.get(reverse("waiting:list"))
    with scopes_disabled():
        [entry] = [e for e in AccessEvent.objects.filter(action="person.searched") if "waiting list" in e.fields]
    assert set(entry.detail["shown"]) == {
        cast.person_a.pk,
        cast.person_a_handed.pk,
        cast.citizen_person_a.pk,
        cast.person_a_handed_q.pk,
        cast.citizen_person_a2.pk,
    }


def test_reprioritising_records_the_reason_and_moves_the_due_date(cast, sign_in):
    entry = cast.casework[cast.person_a.pk]["entry"]
    client = sign_in(cast.member("team_manager_a"))
    client.post(
        reverse("waiting:reprioritise", args=[entry.pk]),
        {"version": 1, "priority": "red", "rationale": "Carer admitted to hospital"},
    )
    entry.refresh_from_db()
    assert entry.priority == "red"
    assert entry.priority_rationale == "Carer admitted to hospital"
    from assessflow.core.working_days import working_days_between

    assert working_days_between(entry.added_at.date(), entry.due_on) == 5
    stale = client.post(
        reverse("waiting:reprioritise", args=[entry.pk]), {"version": 1, "priority": "green", "rationale": "Old form"}
    )
    assert stale.status_code == 400
    entry.refresh_from_db()
    assert entry.priority == "red"


def test_a_review_keeps_its_review_date_unless_a_higher_priority_brings_it_forward(cast, sign_in):
    """An annual review is due on the person's review date: lowering its priority never puts it off past that date,
    raising it may bring it forward, and going back restores the review date."""
    entry = cast.casework[cast.person_a.pk]["entry"]
    assert entry.work_type == "annual_review"
    with scopes_disabled():
        review_on = timezone.localdate() + datetime.timedelta(days=10)
        type(cast.person_a).objects.filter(pk=cast.person_a.pk).update(review_due_on=review_on)
        WaitingListEntry.objects.filter(pk=entry.pk).update(due_on=review_on, added_at=timezone.now())
    client = sign_in(cast.member("team_manager_a"))

    def reprioritise(priority: str) -> datetime.date:
        entry.refresh_from_db()
        data = {"version": entry.version, "priority": priority, "rationale": "Review"}
        assert client.post(reverse("waiting:reprioritise", args=[entry.pk]), data).status_code == 302
        entry.refresh_from_db()
        return entry.due_on

    assert reprioritise("green") == review_on, "60 working days would put the review off past its date"
    red = reprioritise("red")
    assert red < review_on, "5 working days is sooner than the review date"
    assert reprioritise("amber") == review_on
    page = client.get(reverse("waiting:entry", args=[entry.pk])).content.decode()
    assert "Review due" in page


def test_providers_and_the_public_side_do_not_see_waiting_lists(cast, sign_in):
    for member in ("provider_team_manager", "referrer_a", "citizen_a"):
        assert sign_in(cast.member(member)).get(reverse("waiting:list")).status_code == 403


def test_the_tallies_stay_equal_to_a_recount(cast, sign_in):
    entry = cast.casework[cast.person_a.pk]["entry"]
    client = sign_in(cast.member("team_manager_a"))
    client.post(
        reverse("waiting:reprioritise", args=[entry.pk]), {"version": 1, "priority": "red", "rationale": "Worse"}
    )

    def tallies():
        rows = WaitingTally.objects.filter(council=cast.council_a, waiting__gt=0)
        return sorted(rows.values_list("work_type", "priority", "due_on", "waiting"))

    with scopes_disabled():
        kept = tallies()
        rebuild_tallies(cast.council_a.pk)
        assert kept == tallies()
    assert sum(n for *_, n in kept) == 5
    assert {(w, p) for w, p, _, _ in kept} == {("annual_review", "amber"), ("annual_review", "red")}


def test_a_tally_without_a_team_is_unique_too(cast):
    key = {
        "council": cast.council_a,
        "work_type": "dols",
        "priority": "red",
        "team": None,
        "due_on": datetime.date(2027, 1, 1),
    }
    with scopes_disabled():
        WaitingTally.objects.create(**key, waiting=1)
        with pytest.raises(IntegrityError), transaction.atomic():
            WaitingTally.objects.create(**key, waiting=1)
