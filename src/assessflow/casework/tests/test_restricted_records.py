"""Restricted records: only named workers open them; others may break the glass, which is logged and reported."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.people import restrictions
from assessflow.people.models import Restriction
from assessflow.people.restrictions import RestrictedRecord
from assessflow.people.selectors import person_for
from assessflow.tenancy.models import Notification


@pytest.fixture
def restricted(cast):
    """Alice Ashworth's record, restricted to the team manager (its manager) and the front-door officer."""
    with scopes_disabled():
        restriction = Restriction.objects.create(
            council=cast.council_a,
            person=cast.person_a,
            reason="Fleeing domestic abuse",
            manager=cast.member("team_manager_a").user,
            created_by=cast.member("team_manager_a").user,
        )
        restriction.allowed_users.add(cast.member("front_door_a").user)
    return restriction


def test_named_workers_open_the_record(cast, sign_in, restricted):
    for member in ("front_door_a", "team_manager_a"):
        response = sign_in(cast.member(member)).get(reverse("people:detail", args=[cast.person_a.pk]))
        assert response.status_code == 200, member


def test_others_see_only_that_it_is_restricted_everywhere(cast, sign_in, restricted):
    client = sign_in(cast.member("assessor_a"))
    response = client.get(reverse("people:detail", args=[cast.person_a.pk]))
    assert response.status_code == 403
    assert "This record is restricted" in response.content.decode()
    assert "Ashworth" not in response.content.decode()
    note = cast.casework[cast.person_a.pk]["note"]
    assert client.get(reverse("casework:note", args=[note.pk])).status_code == 403
    document = cast.casework[cast.person_a.pk]["document"]
    assert client.get(reverse("casework:document", args=[document.pk])).status_code == 403

    found = client.get(reverse("people:find"), {"nhs_number": "9434765919"}).content.decode()
    assert f"Restricted record {cast.person_a.person_reference}" in found
    assert "Ashworth" not in found.replace('value="', "")


def test_breaking_the_glass_is_logged_reported_and_lasts_this_session(cast, sign_in, restricted):
    client = sign_in(cast.member("assessor_a"))
    url = reverse("people:break-glass", args=[cast.person_a.pk])
    page = client.post(url, {"reason": ""}).content.decode()
    assert "Enter why you need to open this record" in page

    assert client.post(url, {"reason": "Out-of-hours call from the police"}).status_code == 302
    opened = client.get(reverse("people:detail", args=[cast.person_a.pk]))
    assert opened.status_code == 200
    assert cast.person_a.family_name in opened.content.decode()
    with scopes_disabled():
        [entry] = AccessEvent.objects.filter(action="person.break_glass")
    assert entry.detail == {"reason": "Out-of-hours call from the police"}
    assert entry.actor == cast.member("assessor_a").user
    [message] = Notification.objects.filter(user=cast.member("team_manager_a").user)
    assert "Out-of-hours call from the police" in message.message

    client.logout()
    client = sign_in(cast.member("assessor_a"))
    assert client.get(reverse("people:detail", args=[cast.person_a.pk])).status_code == 403, "for that session only"


@pytest.mark.parametrize("member", ["provider_assessor", "provider_team_manager"])
def test_provider_staff_can_never_break_the_glass(cast, sign_in, member):
    with scopes_disabled():
        Restriction.objects.create(
            council=cast.council_a,
            person=cast.person_a_handed,
            reason="Member of staff",
            manager=cast.member("team_manager_a").user,
            created_by=cast.member("team_manager_a").user,
        )
    client = sign_in(cast.member(member))
    page = client.get(reverse("people:detail", args=[cast.person_a_handed.pk]))
    assert page.status_code == 403
    assert "Break the glass" not in page.content.decode()
    response = client.post(reverse("people:break-glass", args=[cast.person_a_handed.pk]), {"reason": "Curious"})
    assert response.status_code == 403
    with scopes_disabled():
        assert not AccessEvent.objects.filter(action="person.break_glass").exists()


def test_a_manager_restricts_and_lifts_a_record(cast, sign_in):
    manager = cast.member("team_manager_a")
    client = sign_in(manager)
    response = client.post(
        reverse("people:restrict", args=[cast.person_a.pk]),
        {"reason": "Public figure", "manager": manager.user.pk, "users": [cast.member("assessor_a").user.pk]},
    )
    assert response.status_code == 302
    assert (
        sign_in(cast.member("front_door_a")).get(reverse("people:detail", args=[cast.person_a.pk])).status_code == 403
    )
    named = sign_in(cast.member("assessor_a")).get(reverse("people:detail", args=[cast.person_a.pk]))
    assert named.status_code == 200
    assert cast.person_a.family_name in named.content.decode()
    client = sign_in(manager)
    client.post(reverse("people:lift-restriction", args=[cast.person_a.pk]))
    lifted = sign_in(cast.member("front_door_a")).get(reverse("people:detail", args=[cast.person_a.pk]))
    assert lifted.status_code == 200
    assert cast.person_a.family_name in lifted.content.decode()


def test_the_refusal_says_why_and_offers_to_break_the_glass_on_that_record(cast, sign_in, restricted):
    page = sign_in(cast.member("assessor_a")).get(reverse("people:detail", args=[cast.person_a.pk])).content.decode()
    assert "Only the workers and teams named on this record can open it." in page
    assert f'action="{reverse("people:break-glass", args=[cast.person_a.pk])}"' in page


def test_a_restriction_closes_only_its_own_record(cast, sign_in, restricted):
    client = sign_in(cast.member("assessor_a"))
    assert client.get(reverse("people:detail", args=[cast.person_a.pk])).status_code == 403
    other = client.get(reverse("people:detail", args=[cast.person_a_handed.pk]))
    assert other.status_code == 200
    assert cast.person_a_handed.family_name in other.content.decode()


def test_read_outside_a_request_the_record_stays_closed(cast, restricted):
    """With no session to hold a broken glass (a background job, a command), only the named may open it."""
    with scopes_disabled():
        with pytest.raises(RestrictedRecord):
            person_for(cast.member("assessor_a"), cast.person_a.pk)
        assert person_for(cast.member("front_door_a"), cast.person_a.pk) == cast.person_a


def test_once_lifted_the_record_is_found_by_name_again(cast, sign_in, restricted):
    with scopes_disabled():
        Restriction.objects.filter(pk=restricted.pk).update(lifted_at=timezone.now())
    found = sign_in(cast.member("assessor_a")).get(reverse("people:find"), {"nhs_number": "9434765919"})
    page = found.content.decode()
    assert "Ashworth" in page
    assert "Restricted record" not in page


def test_a_named_worker_finds_the_record_by_name(cast, sign_in, restricted):
    found = sign_in(cast.member("front_door_a")).get(reverse("people:find"), {"nhs_number": "9434765919"})
    page = found.content.decode()
    assert "Ashworth" in page
    assert "Restricted record" not in page


def test_after_breaking_the_glass_the_record_is_found_by_name_this_session(cast, sign_in, restricted):
    client = sign_in(cast.member("assessor_a"))
    client.post(reverse("people:break-glass", args=[cast.person_a.pk]), {"reason": "Police called out of hours"})
    page = client.get(reverse("people:find"), {"nhs_number": "9434765919"}).content.decode()
    assert "Ashworth" in page
    assert "Restricted record" not in page


@pytest.mark.parametrize("reason", ["", "   "])
def test_the_glass_is_never_broken_without_a_reason(cast, restricted, reason):
    member = cast.member("assessor_a")
    session = {}
    with scopes_disabled(), pytest.raises(ValueError, match="needs a restricted record and a reason"):
        restrictions.break_glass(
            actor=Actor(user=member.user, membership=member), person=cast.person_a, reason=reason, session=session
        )
    assert session == {}
    with scopes_disabled():
        assert not AccessEvent.objects.filter(action="person.break_glass").exists()


def test_there_is_no_glass_to_break_on_a_record_that_is_not_restricted(cast):
    member = cast.member("assessor_a")
    with scopes_disabled(), pytest.raises(ValueError, match="needs a restricted record and a reason"):
        restrictions.break_glass(
            actor=Actor(user=member.user, membership=member), person=cast.person_a, reason="Curious", session={}
        )


def test_lifting_one_restriction_leaves_the_others(cast, sign_in, restricted):
    manager = cast.member("team_manager_a")
    with scopes_disabled():
        Restriction.objects.create(
            council=cast.council_a,
            person=cast.person_a_handed,
            reason="Member of staff",
            manager=manager.user,
            created_by=manager.user,
        )
    sign_in(manager).post(reverse("people:lift-restriction", args=[cast.person_a.pk]))

    client = sign_in(cast.member("assessor_a"))
    assert client.get(reverse("people:detail", args=[cast.person_a.pk])).status_code == 200
    assert client.get(reverse("people:detail", args=[cast.person_a_handed.pk])).status_code == 403
