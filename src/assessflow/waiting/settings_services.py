"""Saving a council's waiting-list settings: its timescales and how often people waiting are kept in touch with."""

from django.db import transaction

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.tenancy.models import Organisation

from .actions import AccessAction
from .models import ContactInterval, Timescale


def save_settings(
    *,
    actor: Actor,
    council: Organisation,
    timescales: dict[tuple[str, str], int],
    intervals: dict[str, int],
    changed: list[str],
) -> None:
    """Working days per (work type, priority) and days between contacts per priority; `changed` names the fields
    the council changed, for the access log."""
    with transaction.atomic():
        for (work_type, priority), days in timescales.items():
            Timescale.objects.update_or_create(
                council=council, work_type=work_type, priority=priority, defaults={"working_days": days}
            )
        for priority, days in intervals.items():
            ContactInterval.objects.update_or_create(council=council, priority=priority, defaults={"days": days})
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.SETTINGS_SAVED,
            council_id=council.pk,
            fields=changed,
        )
