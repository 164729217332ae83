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
