"""A status change is checked, claimed against a concurrent change, and written with its event and audit entry."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.casework.models import Task
from assessflow.frontdoor.models import Referral
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.pathway.transitions import IllegalMove, MoveConflict, change_status
from assessflow.tests import factories

S = Referral.Status
MOVES = {S.RECEIVED: {S.INFO_REQUESTED, S.SCREENED_OUT}, S.INFO_REQUESTED: {S.RECEIVED}}
TASK_MOVES = {Task.Status.OPEN: {Task.Status.DONE, Task.Status.CANCELLED}}


@pytest.fixture
def actor(cast):
    member = cast.member("front_door_a")
    return Actor(user=member.user, membership=member)


@pytest.fixture
def referral(cast):
    with scopes_disabled():
        return factories.ReferralFactory(person=cast.person_a)


def _screen_out(referral, actor, **extra):
    return change_status(
        referral,
        moves=MOVES,
        to=S.SCREENED_OUT,
        actor=actor,
        event_kind=EventType.SCREENED,
        action="referral.screened",
        reason="moved_away",
        fields={"screening_note": "Moved to Leeds"},
        **extra,
    )


def _written(referral):
    with scopes_disabled():
        events = list(PathwayEvent.objects.filter(work_item_type="frontdoor.referral", work_item_id=str(referral.pk)))
        audit = list(AccessEvent.objects.filter(object_type="frontdoor.referral", object_id=str(referral.pk)))
    return events, audit


@pytest.mark.django_db
def test_an_allowed_move_writes_the_status_the_event_and_the_audit_entry(referral, actor, cast):
    with scopes_disabled():
        moved = _screen_out(referral, actor)
        stored = Referral.objects.get(pk=referral.pk)
    assert moved is referral
    assert (stored.status, stored.version, stored.screening_note) == (S.SCREENED_OUT, 2, "Moved to Leeds")
    assert (moved.status, moved.version) == (S.SCREENED_OUT, 2), "the object handed back is the one stored"
    [event], [audit] = _written(referral)
    assert (event.event_type, event.from_status, event.to_status) == ("screened", "received", "screened_out")
    assert (event.reason_code, event.person_id, event.actor_id) == ("moved_away", cast.person_a.pk, actor.user.pk)
    assert (audit.action, audit.kind, audit.person_id) == ("referral.screened", "change", cast.person_a.pk)
    assert audit.fields == ["screening_note", "status"]
    assert audit.detail == {"from": "received", "to": "screened_out", "reason": "moved_away"}


@pytest.mark.django_db
def test_a_move_the_table_does_not_allow_is_refused_and_writes_nothing(referral, actor):
    with scopes_disabled():
        with pytest.raises(IllegalMove, match="A referral cannot go from received to waiting list") as refused:
            change_status(
                referral, moves=MOVES, to=S.WAITING_LIST, actor=actor, event_kind=EventType.SCREENED, action="x"
            )
        stored = Referral.objects.get(pk=referral.pk)
    assert isinstance(refused.value, ValidationError), "a form or view shows it like any other refusal"
    assert (stored.status, stored.version) == (S.RECEIVED, 1)
    assert _written(referral) == ([], [])


@pytest.mark.django_db
def test_a_stale_version_is_a_conflict_and_writes_nothing(referral, actor):
    with scopes_disabled():
        Referral.objects.filter(pk=referral.pk).update(version=2)  # someone saved it after this user opened it
        with pytest.raises(MoveConflict, match="Someone else changed this referral after you opened it"):
            _screen_out(referral, actor, expected_version=1)
        stored = Referral.objects.get(pk=referral.pk)
    assert (stored.status, stored.version, stored.screening_note) == (S.RECEIVED, 2, "")
    assert _written(referral) == ([], [])


@pytest.mark.django_db
def test_of_two_people_moving_the_same_referral_only_one_wins(referral, actor, cast):
    other = Actor(user=cast.member("team_manager_a").user, membership=cast.member("team_manager_a"))
    with scopes_disabled():
        mine, theirs = Referral.objects.get(pk=referral.pk), Referral.objects.get(pk=referral.pk)
        _screen_out(mine, actor)
        with pytest.raises(MoveConflict):
            change_status(
                theirs,
                moves=MOVES,
                to=S.INFO_REQUESTED,
                actor=other,
                event_kind=EventType.INFORMATION_REQUESTED,
                action="referral.information_requested",
            )
        stored = Referral.objects.get(pk=referral.pk)
    assert (stored.status, stored.version) == (S.SCREENED_OUT, 2), "the first move stands, not overwritten"
    events, audit = _written(referral)
    assert [e.event_type for e in events] == ["screened"]
    assert [a.actor_id for a in audit] == [actor.user.pk]


@pytest.mark.django_db
def test_work_without_a_version_is_claimed_on_its_status_and_may_have_no_event(cast, actor):
    with scopes_disabled():
        task = factories.TaskFactory(person=cast.person_a)
        first, second = Task.objects.get(pk=task.pk), Task.objects.get(pk=task.pk)
        change_status(
            first, moves=TASK_MOVES, to=Task.Status.DONE, actor=actor, event_kind=None, action="task.completed"
        )
        with pytest.raises(MoveConflict, match="Someone else changed this task"):
            change_status(
                second,
                moves=TASK_MOVES,
                to=Task.Status.CANCELLED,
                actor=actor,
                event_kind=None,
                action="task.cancelled",
            )
        assert Task.objects.get(pk=task.pk).status == Task.Status.DONE
        assert not PathwayEvent.objects.filter(work_item_type="casework.task").exists()
        assert list(AccessEvent.objects.filter(object_type="casework.task").values_list("action", flat=True)) == [
            "task.completed"
        ]
