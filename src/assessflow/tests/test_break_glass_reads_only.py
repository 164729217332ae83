"""Breaking the glass on a restricted person record opens it for reading only; changing it needs the restriction
to name the worker or their team.

The last test walks every URL pattern about a person, as the access-log walk does, so a new page that changes a
record is refused to the glass as soon as it is added, or the test names it.
"""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.audit.models import AccessEvent
from assessflow.casework.models import Note
from assessflow.casework.tests.test_notes import note_payload
from assessflow.people.models import Person, Restriction
from assessflow.people.tests.test_person_pages import _edit_payload
from assessflow.tenancy.roles import Role
from assessflow.tests import factories
from assessflow.tests.test_access_log_walk import candidates, own_records, pages_about_a_person
from assessflow.tests.test_tenant_isolation import fill

READ_ONLY = "Breaking the glass lets you read this record, not change it"
# Posts a worker who broke the glass still makes: breaking a glass (which opens a record to read), and raising a
# safeguarding concern or asking for a DoLS authorisation about the person (reporting harm waits for no one).
OPEN_TO_THE_GLASS = {
    "people:break-glass",
    "safeguarding:concern-break-glass",
    "safeguarding:dols-break-glass",
    "safeguarding:raise",
    "safeguarding:dols-new",
}


@pytest.fixture
def restricted(cast):
    """Alice Ashworth's record, managed by a manager outside the cast, naming the front-door officer and the
    safeguarding team; the assessor, team manager and panel member of her council are not named."""
    with scopes_disabled():
        manager = factories.MembershipFactory(organisation=cast.council_a, role=Role.TEAM_MANAGER)
        restriction = Restriction.objects.create(
            council=cast.council_a,
            person=cast.person_a,
            reason="Works for the council",
            manager=manager.user,
            created_by=manager.user,
        )
        restriction.allowed_users.add(cast.member("front_door_a").user)
        restriction.allowed_teams.add(cast.member("safeguarding_a").team)
    return restriction


def break_the_glass(client, person):
    response = client.post(reverse("people:break-glass", args=[person.pk]), {"reason": "Police called out of hours"})
    assert response.status_code == 302
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 200, "the glass opens it to read"


def changes_to(person) -> list[str]:
    with scopes_disabled():
        return list(
            AccessEvent.objects.filter(person_id=person.pk, kind=AccessEvent.Kind.CHANGE).values_list(
                "action", flat=True
            )
        )


def phone_of(person) -> str:
    with scopes_disabled():
        return Person.objects.get(pk=person.pk).phone


def notes_on(person) -> int:
    with scopes_disabled():
        return Note.objects.filter(person=person).count()


def test_after_breaking_the_glass_a_worker_cannot_add_a_note(cast, sign_in, restricted):
    client = sign_in(cast.member("assessor_a"))
    url = reverse("casework:note-new", args=[cast.person_a.pk])
    before = notes_on(cast.person_a)
    assert "Break the glass and open the record" in client.post(url, note_payload()).content.decode()
    break_the_glass(client, cast.person_a)

    response = client.post(url, note_payload())

    assert response.status_code == 403
    assert READ_ONLY in response.content.decode()
    assert "Break the glass and open the record" not in response.content.decode(), "it is already broken"
    assert notes_on(cast.person_a) == before
    assert changes_to(cast.person_a) == []


def test_after_breaking_the_glass_a_worker_cannot_change_the_phone_number(cast, sign_in, restricted):
    client = sign_in(cast.member("assessor_a"))
    break_the_glass(client, cast.person_a)

    response = client.post(
        reverse("people:edit", args=[cast.person_a.pk]), {**_edit_payload(cast.person_a), "phone": "01582 999999"}
    )

    assert response.status_code == 403
    assert READ_ONLY in response.content.decode()
    assert phone_of(cast.person_a) == cast.person_a.phone
    assert changes_to(cast.person_a) == []


def test_the_form_to_change_the_record_is_refused_before_anything_is_typed(cast, sign_in, restricted):
    client = sign_in(cast.member("team_manager_a"))
    break_the_glass(client, cast.person_a)
    for url in (
        reverse("people:edit", args=[cast.person_a.pk]),
        reverse("casework:note-new", args=[cast.person_a.pk]),
        reverse("allocation:allocate", args=[cast.casework[cast.person_a.pk]["entry"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert READ_ONLY in response.content.decode(), url


@pytest.mark.parametrize("member", ["front_door_a", "safeguarding_a"])
def test_a_worker_named_on_the_restriction_or_in_a_named_team_changes_the_record(cast, sign_in, restricted, member):
    client = sign_in(cast.member(member))
    before = notes_on(cast.person_a)

    assert client.post(reverse("casework:note-new", args=[cast.person_a.pk]), note_payload()).status_code == 302
    response = client.post(
        reverse("people:edit", args=[cast.person_a.pk]), {**_edit_payload(cast.person_a), "phone": "01582 999999"}
    )

    assert response.status_code == 302
    assert notes_on(cast.person_a) == before + 1
    assert phone_of(cast.person_a) == "01582 999999"
    assert sorted(changes_to(cast.person_a)) == ["note.added", "person.updated"]


def test_a_manager_who_broke_the_glass_cannot_lift_the_restriction(cast, sign_in, restricted):
    client = sign_in(cast.member("team_manager_a"))
    break_the_glass(client, cast.person_a)

    assert client.post(reverse("people:lift-restriction", args=[cast.person_a.pk])).status_code == 403
    restricted.refresh_from_db()
    assert restricted.lifted_at is None


# Every role that may break the glass (a funding panel member reads panel summaries only, and may not).
@pytest.mark.parametrize("actor", ["front_door_a", "assessor_a", "team_manager_a"])
def test_no_page_about_a_person_takes_a_change_from_the_glass(cast, sign_in, restricted, actor):
    with scopes_disabled():
        restricted.allowed_users.clear()  # the glass is all any of them has
    client = sign_in(cast.member(actor))
    break_the_glass(client, cast.person_a)
    own = own_records(cast, actor, cast.person_a)
    wrong = []
    for name, route, about in pages_about_a_person():
        if name in OPEN_TO_THE_GLASS:
            continue
        for arguments in candidates(cast, cast.person_a, own, about):
            path = fill(route, arguments)
            status = client.post(path, {}).status_code
            if status not in (403, 404, 405):
                wrong.append(f"POST {path} ({name}) as {actor} after breaking the glass: {status}")
    assert not wrong, "\n".join(wrong)
    assert changes_to(cast.person_a) == []


@pytest.mark.parametrize("named", [True, False])
def test_the_refusal_to_change_names_who_manages_the_record(cast, sign_in, restricted, named):
    """By name, or by email address when the manager has not given a name."""
    manager = restricted.manager
    if not named:
        manager.full_name = ""
        manager.save()
    client = sign_in(cast.member("assessor_a"))
    break_the_glass(client, cast.person_a)

    page = client.get(reverse("people:edit", args=[cast.person_a.pk])).content.decode()

    assert f"ask {manager.full_name if named else manager.email}, who manages it" in page


def test_a_worker_in_a_team_the_restriction_does_not_name_is_refused(cast, sign_in, restricted):
    client = sign_in(cast.member("dols_a"))  # the DoLS team's manager; the restriction names the safeguarding team

    assert client.get(reverse("people:detail", args=[cast.person_a.pk])).status_code == 403
    assert client.post(reverse("casework:note-new", args=[cast.person_a.pk]), note_payload()).status_code == 403


def test_after_breaking_the_glass_a_worker_reads_the_persons_referral(cast, sign_in, restricted):
    referral = cast.casework[cast.person_a.pk]["referral"]
    client = sign_in(cast.member("assessor_a"))
    url = reverse("frontdoor:referral", args=[referral.pk])
    assert client.get(url).status_code == 403
    break_the_glass(client, cast.person_a)

    response = client.get(url)

    assert response.status_code == 200
    assert referral.reason in response.content.decode()
