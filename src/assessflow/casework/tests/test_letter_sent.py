"""A letter is filed when it is written and sent only when someone marks it as sent: how, when and by whom."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.audit.models import AccessEvent
from assessflow.casework.models import Document
from assessflow.people.models import TimelineEntry


def _file_a_letter(cast, client) -> Document:
    template = cast.letter_templates[cast.council_a.pk]
    response = client.post(reverse("casework:letter-new", args=[cast.person_a.pk]), {"template": template.pk})
    with scopes_disabled():
        letter = (
            Document.objects.filter(person=cast.person_a, category="letter")
            .exclude(pk=cast.casework[cast.person_a.pk]["letter"].pk)
            .get()
        )
    assert response["Location"] == reverse("casework:letter", args=[letter.pk])
    return letter


def _timeline_titles(person) -> list[str]:
    with scopes_disabled():
        return list(TimelineEntry.objects.filter(person=person, kind="letter").values_list("title", flat=True))


def _sent(when: datetime.date, how: str = "post") -> dict:
    return {"how": how, "sent_on_0": when.day, "sent_on_1": when.month, "sent_on_2": when.year}


def test_a_letter_written_is_filed_not_sent(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    letter = _file_a_letter(cast, client)

    assert _timeline_titles(cast.person_a) == [f"Letter filed: {letter.title}"]
    person_page = client.get(reverse("people:detail", args=[cast.person_a.pk])).content.decode()
    assert "Letter filed" in person_page
    assert "Filed on the record, not yet sent" in person_page
    assert "Letter sent" not in person_page and "sent by the council" not in person_page
    letter_page = client.get(reverse("casework:letter", args=[letter.pk])).content.decode()
    assert "Not sent yet" in letter_page
    assert "Mark as sent" in letter_page


def test_marking_a_letter_as_sent_writes_how_when_and_by_whom(cast, sign_in):
    writer = sign_in(cast.member("assessor_a"))
    letter = _file_a_letter(cast, writer)
    sender = cast.member("front_door_a")
    today = timezone.localdate()

    response = sign_in(sender).post(reverse("casework:letter-sent", args=[letter.pk]), _sent(today))

    assert response.status_code == 302
    with scopes_disabled():
        letter.refresh_from_db()
        line = TimelineEntry.objects.get(person=cast.person_a, title=f"Letter sent: {letter.title}")
        logged = AccessEvent.objects.filter(action="letter.sent", person_id=cast.person_a.pk).count()
    assert (letter.sent_how, letter.sent_by) == ("post", sender.user)
    assert line.summary == f"Posted on {today:%-d %B %Y}"
    assert line.actor_name == sender.user.full_name
    assert logged == 1
    page = sign_in(cast.member("assessor_a")).get(reverse("casework:letter", args=[letter.pk])).content.decode()
    assert f"Posted on {today:%-d %B %Y}, recorded by {sender.user.full_name}" in page
    assert "Mark as sent" not in page


def test_a_letter_is_marked_as_sent_once(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    letter = _file_a_letter(cast, client)
    url = reverse("casework:letter-sent", args=[letter.pk])
    client.post(url, _sent(timezone.localdate()))

    again = client.post(url, _sent(timezone.localdate(), how="email"))

    assert again.status_code == 400
    assert "already marked as sent" in again.content.decode()
    with scopes_disabled():
        letter.refresh_from_db()
    assert letter.sent_how == "post"
    assert _timeline_titles(cast.person_a).count(f"Letter sent: {letter.title}") == 1


def test_a_letter_cannot_be_sent_before_it_was_filed(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    letter = _file_a_letter(cast, client)

    response = client.post(
        reverse("casework:letter-sent", args=[letter.pk]), _sent(timezone.localdate() - datetime.timedelta(days=3))
    )

    assert response.status_code == 400
    assert "cannot be before the letter was filed" in response.content.decode()
    assert not any(title.startswith("Letter sent") for title in _timeline_titles(cast.person_a))


def test_another_organisation_in_the_council_cannot_mark_the_councils_letter_as_sent(cast, sign_in):
    letter = _file_a_letter(cast, sign_in(cast.member("assessor_a")))
    provider = sign_in(cast.member("provider_assessor"))

    assert provider.get(reverse("casework:letter", args=[letter.pk])).status_code == 404
    response = provider.post(reverse("casework:letter-sent", args=[letter.pk]), _sent(timezone.localdate()))
    assert response.status_code in (403, 404)
    with scopes_disabled():
        letter.refresh_from_db()
    assert letter.sent_at is None


def test_a_document_that_is_not_a_letter_has_no_letter_page(cast, sign_in):
    document = cast.casework[cast.person_a.pk]["document"]
    client = sign_in(cast.member("assessor_a"))
    assert client.get(reverse("casework:letter", args=[document.pk])).status_code == 404
    response = client.post(reverse("casework:letter-sent", args=[document.pk]), _sent(timezone.localdate()))
    assert response.status_code == 404
