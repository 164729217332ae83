"""Waiting well: people waiting are contacted at their priority's interval, and a worse situation escalates."""

import datetime
import uuid

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.casework.models import Task
from assessflow.pathway.models import PathwayEvent
from assessflow.waiting.models import ContactInterval, WaitingListEntry


def contact(client, entry, **overrides):
    data = {
        "submission_id": str(uuid.uuid4()),
        "method": "phone",
        "things_changed": "no",
        "notes": "",
        "outcome": "no_change",
    }
    data.update(overrides)
    return client.post(reverse("waiting:keep-in-touch", args=[entry.pk]), data)


def test_the_list_shows_who_is_due_and_who_is_overdue(cast, sign_in):
    today = timezone.localdate()
    with scopes_disabled():
        WaitingListEntry.objects.filter(pk=cast.casework[cast.person_a.pk]["entry"].pk).update(
            next_contact_on=today - datetime.timedelta(days=3)
        )
        WaitingListEntry.objects.filter(pk=cast.casework[cast.person_a_handed.pk]["entry"].pk).update(
            next_contact_on=today + datetime.timedelta(days=30)
        )
    client = sign_in(cast.member("front_door_a"))
    response = client.get(reverse("waiting:keep-in-touch-list"))
    assert [e.person for e in response.context["rows"]] == [cast.person_a]
    assert response.context["overdue"] == 1


def test_a_no_change_contact_sets_the_next_one_by_the_councils_interval(cast, sign_in):
    entry = cast.casework[cast.person_a.pk]["entry"]
    with scopes_disabled():
        ContactInterval.objects.create(council=cast.council_a, priority="amber", days=14)
    client = sign_in(cast.member("front_door_a"))
    assert contact(client, entry).status_code == 302
    entry.refresh_from_db()
    assert entry.next_contact_on == timezone.localdate() + datetime.timedelta(days=14)
    with scopes_disabled():
        assert PathwayEvent.objects.filter(event_type="kept_in_touch", work_item_id=str(entry.pk)).count() == 1


def test_things_getting_worse_raises_the_priority(cast, sign_in):
    entry = cast.casework[cast.person_a.pk]["entry"]
    client = sign_in(cast.member("front_door_a"))
    contact(
        client, entry, things_changed="yes", outcome="raise_priority", new_priority="red", notes="Fell again last night"
    )
    entry.refresh_from_db()
    assert entry.priority == "red"
    assert "Fell again last night" in entry.priority_rationale
    assert entry.next_contact_on == timezone.localdate() + datetime.timedelta(days=7)


def test_a_referral_to_the_duty_worker_sets_a_task_for_today(cast, sign_in):
    entry = cast.casework[cast.person_a.pk]["entry"]
    client = sign_in(cast.member("front_door_a"))
    contact(client, entry, things_changed="yes", outcome="duty", notes="Carer in hospital since Tuesday")
    with scopes_disabled():
        task = Task.objects.get(person=cast.person_a, title__startswith="Duty worker to call back today")
    assert task.due_on == timezone.localdate()
    assert task.details == "Carer in hospital since Tuesday"


def test_an_escalation_needs_a_note_and_a_raise_needs_a_priority(cast, sign_in):
    entry = cast.casework[cast.person_a.pk]["entry"]
    client = sign_in(cast.member("front_door_a"))
    page = contact(client, entry, outcome="raise_priority").content.decode()
    assert "Choose the new priority" in page
    assert "Enter what they told you" in page


def test_not_reaching_someone_means_trying_again_soon(cast, sign_in):
    entry = cast.casework[cast.person_a.pk]["entry"]
    client = sign_in(cast.member("front_door_a"))
    contact(client, entry, things_changed="unknown", outcome="not_reached", notes="No answer, left a voicemail")
    entry.refresh_from_db()
    assert entry.next_contact_on == timezone.localdate() + datetime.timedelta(days=2)


def test_a_double_click_records_one_contact(cast, sign_in):
    entry = cast.casework[cast.person_a.pk]["entry"]
    client = sign_in(cast.member("front_door_a"))
    data = {
        "submission_id": str(uuid.uuid4()),
        "method": "phone",
        "things_changed": "no",
        "notes": "",
        "outcome": "no_change",
    }
    client.post(reverse("waiting:keep-in-touch", args=[entry.pk]), data)
    client.post(reverse("waiting:keep-in-touch", args=[entry.pk]), data)
    with scopes_disabled():
        assert entry.contacts.count() == 1
