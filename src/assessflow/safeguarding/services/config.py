"""A council's safeguarding settings: its teams and timescales."""

from django.db import transaction

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access

from ..actions import AccessAction
from ..models import SafeguardingSettings


def save_settings(*, actor: Actor, form) -> SafeguardingSettings:
    with transaction.atomic():
        saved = form.save()
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.SETTINGS_SAVED,
            obj=saved,
            council_id=saved.council_id,
            fields=list(form.changed_data),
        )
    return saved
