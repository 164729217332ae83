"""Safeguarding and DoLS work in the apps below stays with the council's own staff: a provider's assessor meets a
person's ordinary lines and tasks, never a protection plan's task or the lines that tell of DoLS work or a concern.

A small, quick companion to `test_hidden_from_outside.py`, which walks every page.
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.people.models import TimelineEntry
from assessflow.people.restricted_work import hide_restricted_work_for, sees_restricted_work
from assessflow.safeguarding.models import ProtectionAction
from assessflow.tenancy.roles import Role
from assessflow.tests import factories

ORDINARY = ["Note written about the stairlift", "Added to the waiting list for an annual review"]
RESTRICTED = ["Added to the waiting list for DoLS work", "Safeguarding concern raised"]


@pytest.fixture
def work(cast):
    """Harold Handley (handed to provider A): his ordinary waiting-list entry and a DoLS one, and a line about each,
    a line about a safeguarding concern, a note's line whose id happens to be the DoLS entry's, his ordinary task
    and a protection plan's task."""
    person = cast.person_a_handed
    with scopes_disabled():
        ordinary = cast.casework[person.pk]["entry"]
        dols = factories.WaitingListEntryFactory(person=person, work_type="dols", priority="red")
        enquiry = factories.EnquiryFactory(concern=factories.ConcernFactory(person=person))
        concern = enquiry.concern
        protection = factories.TaskFactory(person=person, title="Ask the bank to change the mandate")
        ProtectionAction.objects.create(
            council=cast.council_a, enquiry=enquiry, action="Ask the bank to change the mandate", task=protection
        )

        def line(title: str, object_type: str, object_id) -> None:
            TimelineEntry.objects.create(
                council=cast.council_a,
                person=person,
                kind="note",
                occurred_at=timezone.now(),
                title=title,
                object_type=object_type,
                object_id=str(object_id),
            )

        line(ORDINARY[0], "casework.note", dols.pk)
        line(ORDINARY[1], "waiting.waitinglistentry", ordinary.pk)
        line(RESTRICTED[0], "waiting.waitinglistentry", dols.pk)
        line(RESTRICTED[1], "safeguarding.concern", concern.pk)
    return person, cast.casework[person.pk]["task"], protection


def timeline_titles(client, person) -> set[str]:
    response = client.get(reverse("people:detail", args=[person.pk]))
    assert response.status_code == 200
    return {entry.title for entry in response.context["timeline"].entries}


def task_status(client, task) -> int:
    return client.get(reverse("casework:task", args=[task.pk])).status_code


def test_a_providers_assessor_meets_the_ordinary_work_and_none_of_the_restricted(cast, sign_in, work):
    person, task, protection = work
    client = sign_in(cast.member("provider_assessor"))

    titles = timeline_titles(client, person)
    assert set(ORDINARY) <= titles
    assert not set(RESTRICTED) & titles
    assert task_status(client, task) == 200
    assert task_status(client, protection) == 404, "as if it did not exist"


def test_the_councils_own_assessor_meets_all_of_it(cast, sign_in, work):
    person, task, protection = work
    client = sign_in(cast.member("assessor_a"))

    assert {*ORDINARY, *RESTRICTED} <= timeline_titles(client, person)
    assert task_status(client, task) == 200
    assert task_status(client, protection) == 200


def test_across_every_person_the_lines_of_restricted_work_are_left_out(cast, work):
    """Without a person to narrow to, the rule looks at every restricted row."""
    with scopes_disabled():
        lines = TimelineEntry.objects.filter(title__in=ORDINARY + RESTRICTED)
        shown = set(hide_restricted_work_for(cast.member("provider_assessor"), lines).values_list("title", flat=True))
    assert shown == set(ORDINARY)


@pytest.mark.parametrize(
    ("member", "sees"),
    [
        ("assessor_a", True),
        ("front_door_a", True),
        ("provider_assessor", False),
        ("provider_team_manager", False),
        ("referrer_a", False),
        (None, False),  # a citizen signed in to the council's portal
    ],
)
def test_only_the_councils_own_staff_learn_of_restricted_work(cast, member, sees):
    with scopes_disabled():
        membership = (
            cast.member(member)
            if member
            else factories.MembershipFactory(organisation=cast.council_a, role=Role.CITIZEN)
        )
    assert sees_restricted_work(membership) is sees
