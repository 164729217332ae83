"""Pathway events are written by transitions, inside their transaction, and never change."""

from types import SimpleNamespace

import pytest
from django.db import DatabaseError, connection, transaction
from django_scopes import scopes_disabled

from assessflow.audit.actor import Actor
from assessflow.pathway import services
from assessflow.pathway.models import EventType, PathwayEvent, PathwayEventError
from assessflow.people.models import Handover, TimelineEntry
from assessflow.people.services import record_on_pathway


@pytest.fixture
def event(cast):
    actor = Actor(user=cast.member("front_door_a").user, membership=cast.member("front_door_a"))
    # Any row can stand in for a piece of work here; the front door's referrals will be the real ones.
    with scopes_disabled():
        work_item = Handover.objects.get(person=cast.person_a_handed)
        with transaction.atomic():
            return record_on_pathway(
                actor=actor,
                person=cast.person_a_handed,
                work_item=work_item,
                event_type=EventType.WAITING_LIST_ADDED,
                title="Added to the annual review waiting list",
                from_status="screening",
                to_status="waiting",
                reason_code="annual_review",
            )


def test_an_event_records_who_what_and_when_and_reaches_the_timeline(event, cast):
    assert event.event_type == "waiting_list_added"
    assert (event.from_status, event.to_status, event.reason_code) == ("screening", "waiting", "annual_review")
    assert event.actor_role == "front_door"
    assert event.work_item_type == "people.handover"
    with scopes_disabled():
        entry = TimelineEntry.objects.get(person=cast.person_a_handed, kind="pathway")
    assert entry.title == "Added to the annual review waiting list"
    assert entry.occurred_at == event.occurred_at


def test_events_cannot_be_changed_or_removed(event):
    with pytest.raises(PathwayEventError):
        event.save()
    with pytest.raises(PathwayEventError):
        event.delete()


def test_an_event_outside_a_transaction_is_refused(cast, monkeypatch):
    # The test itself runs inside a transaction, so stand in a connection that is outside one.
    outside = SimpleNamespace(get_connection=lambda: SimpleNamespace(in_atomic_block=False))
    monkeypatch.setattr(services, "transaction", outside)
    actor = Actor(user=cast.member("front_door_a").user, membership=cast.member("front_door_a"))
    with pytest.raises(RuntimeError, match="same transaction"):
        services.record_event(
            actor=actor,
            council_id=cast.council_a.pk,
            person_id=cast.person_a.pk,
            work_item=cast.person_a,
            event_type=EventType.CLOSED,
        )
    with scopes_disabled():
        assert not PathwayEvent.objects.exists()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE pathway_pathwayevent SET event_type = 'closed'",
        "UPDATE pathway_pathwayevent SET occurred_at = '2000-01-01 00:00:00'",
        "DELETE FROM pathway_pathwayevent",
    ],
)
def test_the_database_refuses_raw_changes_to_events(event, statement):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    with scopes_disabled():
        kept = PathwayEvent.objects.get(pk=event.pk)
    assert (kept.event_type, kept.occurred_at) == (event.event_type, event.occurred_at)
