"""Warnings on a person: shown on every page about them until ended or past their review date."""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.people.models import Person
from assessflow.people.services import add_to_timeline

from ..actions import AccessAction
from ..models import PersonWarning


def add_warning(
    *, actor: Actor, person: Person, warning_type: str, note: str, review_on: datetime.date, submission_id: uuid.UUID
) -> PersonWarning:
    existing = PersonWarning.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing
    warning = PersonWarning(
        council_id=person.council_id,
        person=person,
        warning_type=warning_type,
        note=note,
        set_by=actor.user,
        review_on=review_on,
        submission_id=submission_id,
    )
    warning.full_clean()
    with transaction.atomic():
        warning.save()
        record_on_person(actor=actor, kind=AccessEvent.Kind.CHANGE, action=AccessAction.WARNING_ADDED, obj=warning)
        add_to_timeline(
            person=person,
            kind="warning",
            title=f"Warning added: {warning.get_warning_type_display()}",
            summary=f"{note} (review by {review_on:%-d %B %Y})",
            actor=actor,
            obj=warning,
        )
    return warning


def end_warning(*, actor: Actor, warning: PersonWarning) -> PersonWarning:
    """The warning no longer applies; it stays in the record's history."""
    if warning.ended_at is not None:
        return warning
    with transaction.atomic():
        PersonWarning.objects.filter(pk=warning.pk).update(ended_at=timezone.now(), ended_by=actor.user)
        warning.refresh_from_db()
        record_on_person(actor=actor, kind=AccessEvent.Kind.CHANGE, action=AccessAction.WARNING_ENDED, obj=warning)
        add_to_timeline(
            person=warning.person,
            kind="warning",
            title=f"Warning ended: {warning.get_warning_type_display()}",
            actor=actor,
            obj=warning,
        )
    return warning
