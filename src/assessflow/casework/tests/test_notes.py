"""Case notes as a worker writes, corrects and reads them."""

import datetime
import uuid

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.audit.models import AccessEvent
from assessflow.casework.models import CaseworkSettings, Note


def note_payload(**overrides):
    data = {
        "submission_id": str(uuid.uuid4()),
        "note_type": "visit",
        "occurred_on_0": "20",
        "occurred_on_1": "11",
        "occurred_on_2": "2026",
        "occurred_time": "10:30",
        "text": "Visited at home. Managing stairs with difficulty.",
        "significant": "on",
    }
    data.update(overrides)
    return data


def test_a_worker_adds_a_note_that_reaches_the_timeline_once(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    url = reverse("casework:note-new", args=[cast.person_a.pk])
    data = note_payload()
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302, "a retried submission"
    with scopes_disabled():
        note = Note.objects.get(text__startswith="Visited at home")
    assert note.occurred_at == timezone.make_aware(datetime.datetime(2026, 11, 20, 10, 30))
    assert note.written_at > note.occurred_at, "both times are kept"
    assert note.author_role == "assessor"
    page = client.get(reverse("people:detail", args=[cast.person_a.pk])).content.decode()
    assert page.count("Managing stairs with difficulty") == 1
    assert "Significant" in page


def test_a_note_cannot_have_happened_in_the_future(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    page = client.post(
        reverse("casework:note-new", args=[cast.person_a.pk]), note_payload(occurred_on_2="2099")
    ).content.decode()
    assert "Date it happened must be in the past" in page


def test_reading_a_note_is_audited(cast, sign_in):
    note = cast.casework[cast.person_a.pk]["note"]
    client = sign_in(cast.member("front_door_a"))
    page = client.get(reverse("casework:note", args=[note.pk]))
    assert page.status_code == 200
    assert note.text in page.content.decode()
    with scopes_disabled():
        assert (
            AccessEvent.objects.filter(action="note.viewed", object_id=str(note.pk), person_id=cast.person_a.pk).count()
            == 1
        )


def test_the_author_edits_inside_the_window_but_not_after(cast, sign_in):
    author = cast.member("assessor_a")
    note = cast.casework[cast.person_a.pk]["note"]
    with scopes_disabled():
        Note.objects.filter(pk=note.pk).update(author=author.user)
    client = sign_in(author)
    url = reverse("casework:note-edit", args=[note.pk])
    assert client.post(url, {"version": 1, "text": "Corrected spelling"}).status_code == 302
    with scopes_disabled():
        CaseworkSettings.objects.create(council=cast.council_a, note_edit_window_hours=1)
        Note.objects.filter(pk=note.pk).update(written_at=timezone.now() - datetime.timedelta(hours=2))
    assert client.post(url, {"version": 2, "text": "Too late"}).status_code == 403
    with scopes_disabled():
        assert Note.objects.get(pk=note.pk).text == "Corrected spelling"


def test_someone_elses_note_cannot_be_edited(cast, sign_in):
    note = cast.casework[cast.person_a.pk]["note"]
    client = sign_in(cast.member("assessor_a"))
    assert client.get(reverse("casework:note-edit", args=[note.pk])).status_code == 403


def test_an_amendment_keeps_the_original_beside_it(cast, sign_in):
    note = cast.casework[cast.person_a.pk]["note"]
    client = sign_in(cast.member("team_manager_a"))
    response = client.post(
        reverse("casework:note-amend", args=[note.pk]),
        {"submission_id": str(uuid.uuid4()), "text": "The call was on Tuesday"},
    )
    assert response.status_code == 302
    page = client.get(reverse("casework:note", args=[note.pk])).content.decode()
    assert note.text in page
    assert "The call was on Tuesday" in page
    with scopes_disabled():
        assert Note.objects.get(pk=note.pk).text == note.text
        assert Note.objects.get(amends=note).occurred_at == note.occurred_at


def test_a_retracted_note_leaves_the_timeline_but_not_the_database(cast, sign_in):
    author = cast.member("assessor_a")
    note = cast.casework[cast.person_a.pk]["note"]
    with scopes_disabled():
        Note.objects.filter(pk=note.pk).update(author=author.user)
    client = sign_in(author)
    client.post(reverse("casework:note-new", args=[cast.person_a.pk]), note_payload(text="Wrong person's note"))
    with scopes_disabled():
        wrong = Note.objects.get(text="Wrong person's note")
    client.post(reverse("casework:note-retract", args=[wrong.pk]), {"reason": "Written on the wrong record"})
    page = client.get(reverse("people:detail", args=[cast.person_a.pk])).content.decode()
    assert "Wrong person&#x27;s note" not in page
    with scopes_disabled():
        wrong.refresh_from_db()
        assert wrong.retracted_at is not None
        assert wrong.retraction_reason == "Written on the wrong record"


def test_another_councils_note_is_not_found(cast, sign_in):
    note = cast.casework[cast.person_b.pk]["note"]
    client = sign_in(cast.member("team_manager_a"))
    assert client.get(reverse("casework:note", args=[note.pk])).status_code == 404


def test_the_chronology_lists_significant_events_only(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    client.post(
        reverse("casework:note-new", args=[cast.person_a.pk]), note_payload(text="Fell at home, ambulance called")
    )
    client.post(
        reverse("casework:note-new", args=[cast.person_a.pk]),
        note_payload(text="Routine call, all well", significant=""),
    )
    page = client.get(reverse("casework:chronology", args=[cast.person_a.pk])).content.decode()
    assert "Fell at home, ambulance called" in page
    assert "Routine call, all well" not in page
