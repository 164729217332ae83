"""Events written before they carried when things happened are corrected from the records they describe."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.audit.append_only import guard, unguard
from assessflow.pathway.models import PathwayEvent
from assessflow.tests import factories

backfill = importlib.import_module("assessflow.pathway.migrations.0004_when_it_happened")


@pytest.fixture
def loaded_today_about_months_ago(db):
    """A waiting entry and a referral from months ago, whose events were stamped the day they were loaded."""
    months_ago = timezone.now() - datetime.timedelta(days=270)
    with scopes_disabled():
        entry = factories.WaitingListEntryFactory(added_at=months_ago)
        PathwayEvent.objects.create(
            council_id=entry.council_id,
            person_id=entry.person_id,
            work_item_type="waiting.waitinglistentry",
            work_item_id=str(entry.pk),
            event_type="waiting_list_added",
        )
        referral = factories.ReferralFactory(received_at=months_ago - datetime.timedelta(days=3))
    return entry, referral


def test_the_backfill_takes_when_it_happened_from_the_records(loaded_today_about_months_ago):
    entry, referral = loaded_today_about_months_ago
    with connection.cursor() as cursor:
        # What the migration's schema editor gives the guard: the connection, and a way to run SQL.
        editor = SimpleNamespace(connection=connection, execute=cursor.execute)
        unguard(editor, backfill.TABLE)
        backfill.when_it_happened(apps, editor)
        guard(editor, backfill.TABLE)

    with scopes_disabled():
        added = PathwayEvent.objects.get(event_type="waiting_list_added", work_item_id=str(entry.pk))
        received = PathwayEvent.objects.get(event_type="referral_received", work_item_id=str(referral.pk))
    assert added.occurred_at == entry.added_at
    assert added.recorded_at > entry.added_at, "when it was recorded is kept"
    assert received.occurred_at == referral.received_at
    assert received.detail == {"backfilled": True}
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM pathway_pathwayevent")
