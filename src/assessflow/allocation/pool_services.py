"""Changes to the assessor pool and to the council's allocation settings, each with its audit entry."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access, save_council_form
from assessflow.tenancy.models import Contract, Organisation

from .actions import AccessAction
from .models import Absence, Area, AssessorProfile, ContractScope, TravelTime


def _changed(actor: Actor, action: str, obj: models.Model, council_id: int, fields: list[str]) -> None:
    record_access(
        actor=actor, kind=AccessEvent.Kind.CHANGE, action=action, obj=obj, council_id=council_id, fields=fields
    )


def save_profile(*, actor: Actor, form: Any) -> AssessorProfile:
    """An assessor's profile from its form: the form knows how fees are kept."""
    return save_council_form(actor=actor, form=form, action=AccessAction.PROFILE_SAVED)


def add_absence(
    *, actor: Actor, profile: AssessorProfile, starts_on: datetime.date, ends_on: datetime.date, reason: str = ""
) -> Absence:
    """A time away lowers what suggestions hand the assessor, so who recorded it is kept like any other change."""
    if profile.pk is None:
        raise ValidationError("Save their profile before adding an absence")
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "The last day away must be on or after the first"})
    with transaction.atomic():
        absence = Absence.objects.create(
            council_id=profile.council_id, profile=profile, starts_on=starts_on, ends_on=ends_on, reason=reason
        )
        _changed(actor, AccessAction.ABSENCE_ADDED, absence, profile.council_id, ["starts_on", "ends_on", "reason"])
    return absence


def save_weights(*, actor: Actor, form: Any) -> models.Model:
    return save_council_form(actor=actor, form=form, action=AccessAction.SETTINGS_SAVED)


def scope_contract(*, actor: Actor, council: Organisation, contract: Contract, work_types: list[str]) -> ContractScope:
    """Which work a provider's contract may take; the optimiser offers it nothing else."""
    with transaction.atomic():
        scope, _ = ContractScope.objects.update_or_create(
            council=council, contract=contract, defaults={"work_types": work_types}
        )
        _changed(actor, AccessAction.SETTINGS_SAVED, scope, council.pk, ["work_types"])
    return scope


def set_travel_time(*, actor: Actor, council: Organisation, from_area: Area, to_area: Area, minutes: int) -> TravelTime:
    with transaction.atomic():
        travel, _ = TravelTime.objects.update_or_create(
            council=council, from_area=from_area, to_area=to_area, defaults={"minutes": minutes}
        )
        _changed(actor, AccessAction.SETTINGS_SAVED, travel, council.pk, ["minutes"])
    return travel


def add_area(*, actor: Actor, council: Organisation, code: str, name: str) -> Area:
    try:
        with transaction.atomic():
            area = Area.objects.create(council=council, code=code.upper(), name=name)
            _changed(actor, AccessAction.SETTINGS_SAVED, area, council.pk, ["code", "name"])
    except IntegrityError as error:
        raise ValidationError({"code": "That area is already listed"}) from error
    return area
