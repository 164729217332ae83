"""Writing access-log entries. Every read, change and export of a person's record comes through here."""

from typing import Any

from django.db import models, transaction

from . import page_views
from .actor import Actor
from .models import AccessEvent


def _label(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def record_access(
    *,
    actor: Actor,
    kind: str,
    action: str,
    obj: models.Model | None = None,
    council_id: int | None,
    person_id: int | None = None,
    fields: list[str] | None = None,
    detail: dict | None = None,
) -> AccessEvent:
    if kind == AccessEvent.Kind.VIEW and person_id is not None:
        page_views.logged(person_id)
    return AccessEvent.objects.create(
        actor=actor.user,
        actor_name=actor.name,
        role=actor.role,
        organisation=actor.organisation,
        council_id=council_id,
        kind=kind,
        action=action,
        object_type=_label(obj) if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        person_id=person_id,
        fields=sorted(fields or []),
        detail=detail or {},
        ip_address=actor.ip_address,
        path=actor.path,
    )


def record_on_person(
    *,
    actor: Actor,
    kind: str,
    action: str,
    obj: models.Model,
    person_id: int | None = None,
    fields: list[str] | None = None,
    detail: dict | None = None,
) -> AccessEvent:
    """For a row that belongs to one person's record: it carries council_id and person_id."""
    # Any model on a person's record has both columns, which Model in general does not: read them by name.
    council_id: int = obj.council_id  # type: ignore[attr-defined]
    record_person_id: int | None = obj.person_id if person_id is None else person_id  # type: ignore[attr-defined]
    return record_access(
        actor=actor,
        kind=kind,
        action=action,
        obj=obj,
        council_id=council_id,
        person_id=record_person_id,
        fields=fields,
        detail=detail,
    )


def save_council_form(*, actor: Actor, form: Any, action: str) -> Any:
    """A council's own record (its settings, an assessor's profile) saved from its form, and the change logged with
    the fields the form changed, in one transaction."""
    with transaction.atomic():
        saved = form.save()
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=action,
            obj=saved,
            council_id=saved.council_id,
            fields=list(form.changed_data),
        )
    return saved
