"""A council's casework settings: how long a note stays editable, the largest upload, what its letters carry."""

from typing import Any

from django.db import transaction

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access

from ..actions import AccessAction
from ..models import CaseworkSettings


def save_settings(*, actor: Actor, form: Any) -> CaseworkSettings:
    with transaction.atomic():
        saved: CaseworkSettings = form.save()
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.SETTINGS_SAVED,
            obj=saved,
            council_id=saved.council_id,
            fields=list(form.changed_data),
        )
    return saved
