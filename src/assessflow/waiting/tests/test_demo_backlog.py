"""The demo council's backlog: people due a review wait for one, once, and some referrals await screening."""

from django.core.management import call_command
from django_scopes import scopes_disabled

from assessflow.frontdoor.models import Referral
from assessflow.pathway.models import PathwayEvent
from assessflow.waiting.models import WaitingListEntry


def test_the_demo_backlog_loads_once(db):
    call_command("load_demo", people=80)
    with scopes_disabled():
        entries = WaitingListEntry.objects.count()
        assert entries > 0
        assert PathwayEvent.objects.filter(event_type="waiting_list_added").count() == entries
        assert Referral.objects.filter(status="received").count() == 6
    call_command("load_demo", people=80)
    with scopes_disabled():
        assert WaitingListEntry.objects.count() == entries
        assert Referral.objects.count() == 6


def test_the_demo_waits_counted_from_events_equal_those_from_the_records(db):
    """Every figure counts from when a thing happened: the events must say what the records say."""
    call_command("load_demo", people=120)
    with scopes_disabled():
        entries = dict(WaitingListEntry.objects.values_list("pk", "added_at"))
        added = dict(
            (int(i), at)
            for i, at in PathwayEvent.objects.filter(
                event_type="waiting_list_added", work_item_type="waiting.waitinglistentry"
            ).values_list("work_item_id", "occurred_at")
        )
        referrals = dict(Referral.objects.values_list("pk", "received_at"))
        received = dict(
            (int(i), at)
            for i, at in PathwayEvent.objects.filter(
                event_type="referral_received", work_item_type="frontdoor.referral"
            ).values_list("work_item_id", "occurred_at")
        )
        recorded = set(PathwayEvent.objects.values_list("recorded_at", flat=True))
    assert added == entries
    assert received == referrals
    # The backlog goes back months: not everything happened on the day it was loaded.
    assert len({at.date() for at in added.values()}) > 10
    assert min(added.values()) < min(recorded)
