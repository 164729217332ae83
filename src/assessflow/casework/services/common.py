"""What every casework change does besides its own work: the access-log entry and the timeline line."""

from django.urls import reverse

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.people.models import Person


def log_change(*, actor: Actor, action: str, obj, person: Person, fields: list[str] | None = None, detail=None) -> None:
    record_access(
        actor=actor,
        kind=AccessEvent.Kind.CHANGE,
        action=action,
        obj=obj,
        council_id=person.council_id,
        person_id=person.pk,
        fields=fields,
        detail=detail,
    )


def log_view(*, actor: Actor, action: str, obj, person: Person) -> None:
    record_access(
        actor=actor,
        kind=AccessEvent.Kind.VIEW,
        action=action,
        obj=obj,
        council_id=person.council_id,
        person_id=person.pk,
    )


def url_of(name: str, obj) -> str:
    return reverse(name, args=[obj.pk])
