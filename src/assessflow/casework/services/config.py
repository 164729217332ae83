"""A council's casework settings: how long a note stays editable, the largest upload, what its letters carry."""

from typing import Any

from assessflow.audit.actor import Actor
from assessflow.audit.services import save_council_form

from ..actions import AccessAction
from ..models import CaseworkSettings


def save_settings(*, actor: Actor, form: Any) -> CaseworkSettings:
    return save_council_form(actor=actor, form=form, action=AccessAction.SETTINGS_SAVED)
