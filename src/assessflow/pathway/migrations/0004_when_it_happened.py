"""Every pathway event says when it happened and when it was recorded.

Until now an event carried only the moment its row was written, so history loaded or imported
later (the demo's backlog, a council's handover file) looked as if it had all happened that day.
Existing rows keep that moment as when they were recorded; where the record they describe knows
when the fact happened (a waiting-list entry's date added, a referral's date received), that
becomes when it happened. Referrals that never had their "received" event get one. The
append-only guard is lifted only for the length of this correction and put back at its end.
"""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

from assessflow.audit.append_only import guard, unguard

TABLE = "pathway_pathwayevent"


def lift_guard(apps, schema_editor):
    unguard(schema_editor, TABLE)


def restore_guard(apps, schema_editor):
    guard(schema_editor, TABLE)


def when_it_happened(apps, schema_editor):
    PathwayEvent = apps.get_model("pathway", "PathwayEvent")
    WaitingListEntry = apps.get_model("waiting", "WaitingListEntry")
    Referral = apps.get_model("frontdoor", "Referral")
    events = PathwayEvent._base_manager
    events.update(recorded_at=models.F("occurred_at"))
    added = events.filter(work_item_type="waiting.waitinglistentry", event_type="waiting_list_added")
    added.update(
        occurred_at=Subquery(
            WaitingListEntry._base_manager.filter(
                pk=models.functions.Cast(OuterRef("work_item_id"), models.BigIntegerField())
            ).values("added_at")[:1]
        )
    )
    received = events.filter(
        work_item_type="frontdoor.referral", event_type__in=["referral_received", "contact_recorded"]
    )
    received.update(
        occurred_at=Subquery(
            Referral._base_manager.filter(
                pk=models.functions.Cast(OuterRef("work_item_id"), models.BigIntegerField())
            ).values("received_at")[:1]
        )
    )
    has_event = set(received.values_list("work_item_id", flat=True))
    now = django.utils.timezone.now()
    missing = [
        PathwayEvent(
            council_id=referral.council_id,
            person_id=referral.person_id,
            work_item_type="frontdoor.referral",
            work_item_id=str(referral.pk),
            event_type="contact_recorded" if referral.kind == "contact" else "referral_received",
            occurred_at=referral.received_at,
            recorded_at=now,
            actor_id=referral.recorded_by_id,
            to_status="received",
            detail={"backfilled": True},
        )
        for referral in Referral._base_manager.exclude(pk__in=[int(i) for i in has_event]).iterator(chunk_size=2000)
    ]
    events.bulk_create(missing, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("pathway", "0003_append_only_triggers"),
        ("waiting", "0006_remove_waitingtally_waiting_tally_unique_and_more"),
        ("frontdoor", "0002_referral_referrer_user_referral_submitted_details_and_more"),
    ]

    operations = [
        migrations.RunPython(lift_guard, restore_guard),
        migrations.RemoveIndex(model_name="pathwayevent", name="pathway_council_type_at"),
        migrations.RemoveIndex(model_name="pathwayevent", name="pathway_work_item_at"),
        migrations.RemoveIndex(model_name="pathwayevent", name="pathway_person_at"),
        migrations.RenameField(model_name="pathwayevent", old_name="at", new_name="occurred_at"),
        migrations.AlterModelOptions(name="pathwayevent", options={"ordering": ["occurred_at", "pk"]}),
        migrations.AlterField(
            model_name="pathwayevent",
            name="occurred_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, help_text="When it happened: every figure uses this."
            ),
        ),
        migrations.AddField(
            model_name="pathwayevent",
            name="recorded_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, help_text="When the row was written."
            ),
        ),
        migrations.RunPython(when_it_happened, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="pathwayevent",
            index=models.Index(fields=["council", "event_type", "occurred_at"], name="pathway_council_type_at"),
        ),
        migrations.AddIndex(
            model_name="pathwayevent",
            index=models.Index(fields=["work_item_type", "work_item_id", "occurred_at"], name="pathway_work_item_at"),
        ),
        migrations.AddIndex(
            model_name="pathwayevent",
            index=models.Index(fields=["person_id", "occurred_at"], name="pathway_person_at"),
        ),
        migrations.RunPython(restore_guard, lift_guard),
    ]
