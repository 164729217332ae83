"""A council's safeguarding settings: its teams and timescales."""

from typing import Any

from assessflow.audit.actor import Actor
from assessflow.audit.services import save_council_form

from ..actions import AccessAction
from ..models import SafeguardingSettings


def save_settings(*, actor: Actor, form: Any) -> SafeguardingSettings:
    return save_council_form(actor=actor, form=form, action=AccessAction.SETTINGS_SAVED)
