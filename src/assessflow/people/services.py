"""Changes to person records. Each one runs in a transaction and writes its access-log entry."""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.pathway.services import record_event
from assessflow.pathway.transitions import change_status
from assessflow.tenancy.models import Organisation

from .actions import AccessAction
from .identity import normalise_name, normalise_nhs_number, normalise_postcode, tidy_name
from .models import Person, Relationship, TimelineEntry

# Fields a caseworker edits on the person form; everything else is kept by the system.
EDITABLE_FIELDS = (
    "nhs_number",
    "title",
    "given_name",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "date_of_death",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "phone",
    "email",
    "gender",
    "ethnicity",
    "client_type",
    "primary_support_reason",
    "accommodation_status",
    "employment_status",
    "has_unpaid_carer",
    "autism_spectrum_disorder",
    "visual_impairment",
    "hearing_impairment",
    "dementia",
    "gp_practice_name",
    "gp_practice_code",
    "communication_needs",
    "interpreter_language",
)


def add_to_timeline(
    *,
    person: Person,
    kind: str,
    title: str,
    actor: Actor,
    occurred_at=None,
    summary: str = "",
    obj=None,
    url: str = "",
    significant: bool = False,
) -> TimelineEntry:
    """Write one line of the person's timeline; every app records what it did on a person through here."""
    return TimelineEntry.objects.create(
        council_id=person.council_id,
        person=person,
        kind=kind,
        occurred_at=occurred_at or timezone.now(),
        title=title[:200],
        summary=summary,
        actor_name=actor.name,
        object_type=f"{obj._meta.app_label}.{obj._meta.model_name}" if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        url=url,
        significant=significant,
    )


def hide_from_timeline(*, obj) -> None:
    """A retracted item stays in the database and the audit trail, but leaves the timeline."""
    TimelineEntry.objects.filter(
        object_type=f"{obj._meta.app_label}.{obj._meta.model_name}", object_id=str(obj.pk), hidden_at__isnull=True
    ).update(hidden_at=timezone.now())


def record_on_pathway(
    *,
    actor: Actor,
    person: Person,
    work_item,
    event_type: EventType,
    title: str,
    from_status: str = "",
    to_status: str = "",
    reason_code: str = "",
    summary: str = "",
    url: str = "",
    occurred_at: datetime.datetime | None = None,
) -> PathwayEvent:
    """A transition of a piece of work: the pathway event the figures read, and its line on the timeline."""
    event = record_event(
        actor=actor,
        council_id=person.council_id,
        person_id=person.pk,
        work_item=work_item,
        event_type=event_type,
        from_status=from_status,
        to_status=to_status,
        reason_code=reason_code,
        occurred_at=occurred_at,
    )
    add_to_timeline(
        person=person,
        kind="pathway",
        title=title,
        summary=summary,
        actor=actor,
        occurred_at=event.occurred_at,
        obj=work_item,
        url=url,
    )
    return event


def change_status_on_timeline(obj, *, title: str, summary: str = "", url: str = "", **move):
    """A status change the person's open timeline shows: `change_status` (checked, claimed, on the pathway,
    audited) and its line on the timeline, at the same moment and in the same transaction."""
    occurred_at = move.pop("occurred_at", None) or timezone.now()
    with transaction.atomic():
        moved = change_status(obj, occurred_at=occurred_at, **move)
        add_to_timeline(
            person=moved.person,
            kind="pathway",
            title=title,
            summary=summary,
            actor=move["actor"],
            occurred_at=occurred_at,
            obj=moved,
            url=url,
        )
    return moved


class StaleRecord(Exception):
    """Someone else saved the record after this user opened it; nothing was overwritten."""


def _tidy(values: dict) -> dict:
    tidy = dict(values)
    for name in ("given_name", "family_name", "preferred_name", "title"):
        if name in tidy:
            tidy[name] = tidy_name(tidy[name])
    if "nhs_number" in tidy:
        tidy["nhs_number"] = normalise_nhs_number(tidy["nhs_number"])
    if "postcode" in tidy:
        tidy["postcode"] = normalise_postcode(tidy["postcode"])
    return tidy


def _set_keys(person: Person) -> None:
    person.given_name_key = normalise_name(person.given_name)
    person.family_name_key = normalise_name(person.family_name)


def create_person(*, actor: Actor, council: Organisation, details: dict, submission_id: uuid.UUID) -> Person:
    """Create a person once per submission: a double click or a retry returns the first record."""
    existing = Person.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing
    person = Person(council=council, submission_id=submission_id, **_tidy(details))
    _set_keys(person)
    person.full_clean()
    try:
        with transaction.atomic():
            person.save()
            record_access(
                actor=actor,
                kind=AccessEvent.Kind.CHANGE,
                action=AccessAction.PERSON_CREATED,
                obj=person,
                council_id=council.pk,
                person_id=person.pk,
                fields=[f for f in details if details[f] not in ("", None)],
            )
            add_to_timeline(person=person, kind="record", title="Record created", actor=actor)
    except IntegrityError:
        # A concurrent retry of the same submission won the race.
        return Person.objects.get(submission_id=submission_id)
    return person


def update_person(*, actor: Actor, person: Person, changes: dict, expected_version: int) -> Person:
    """Save the changed fields if nobody else saved since `expected_version`; log which fields changed."""
    changes = {k: v for k, v in _tidy(changes).items() if k in EDITABLE_FIELDS}
    changed = sorted(name for name, value in changes.items() if getattr(person, name) != value)
    if not changed:
        return person
    for name in changed:
        setattr(person, name, changes[name])
    _set_keys(person)
    person.full_clean()
    with transaction.atomic():
        # The conditional UPDATE both detects a concurrent save and locks the row for ours.
        claimed = Person.objects.filter(pk=person.pk, version=expected_version).update(version=expected_version + 1)
        if claimed != 1:
            raise StaleRecord("This record was changed by someone else after you opened it.")
        person.version = expected_version + 1
        person.updated_at = timezone.now()
        # django-simple-history reads these off the instance as it writes the history row; they are not fields.
        person._change_reason = ", ".join(changed)  # type: ignore[attr-defined]
        person._history_user = actor.user  # type: ignore[attr-defined]
        person.save(update_fields=[*changed, "given_name_key", "family_name_key", "version", "updated_at"])
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.PERSON_UPDATED,
            obj=person,
            council_id=person.council_id,
            person_id=person.pk,
            fields=changed,
        )
        labels = ", ".join(str(getattr(Person._meta.get_field(name), "verbose_name", name)) for name in changed)
        add_to_timeline(
            person=person, kind="record", title="Details changed", summary=f"Changed: {labels}", actor=actor
        )
    return person


def record_person_viewed(*, actor: Actor, person: Person, action: str = AccessAction.PERSON_VIEWED) -> None:
    record_access(
        actor=actor,
        kind=AccessEvent.Kind.VIEW,
        action=action,
        obj=person,
        council_id=person.council_id,
        person_id=person.pk,
    )


def record_people_searched(*, actor: Actor, council_ids: list[int], criteria: list[str], found: list[Person]) -> None:
    """One entry per search and council, naming every record the results showed."""
    for council_id in council_ids:
        shown = [p.pk for p in found if p.council_id == council_id]
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.SEARCH,
            action=AccessAction.PERSON_SEARCHED,
            council_id=council_id,
            fields=criteria,
            detail={"shown": shown},
        )


def add_relationship(*, actor: Actor, person: Person, details: dict, submission_id: uuid.UUID) -> Relationship:
    existing = Relationship.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing
    relationship = Relationship(council_id=person.council_id, person=person, submission_id=submission_id, **details)
    related = relationship.related_person if relationship.related_person_id else None
    if related is not None and related.council_id != person.council_id:
        raise ValueError("A relationship links people of one council only.")
    relationship.full_clean()
    with transaction.atomic():
        relationship.save()
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.PERSON_RELATIONSHIP_ADDED,
            obj=relationship,
            council_id=person.council_id,
            person_id=person.pk,
            fields=[f for f in details if details[f] not in ("", None, False)],
            detail={"relationship": relationship.get_kind_display()},
        )
        add_to_timeline(
            person=person,
            kind="record",
            title=f"{relationship.get_kind_display()} added",
            summary=relationship.display_name,
            actor=actor,
            obj=relationship,
        )
    return relationship


def link_related_person(*, actor: Actor, relationship: Relationship, related_person: Person) -> Relationship:
    """Link someone named on a person's record to their own record of the same council, once."""
    if related_person.council_id != relationship.council_id:
        raise ValueError("A relationship links people of one council only.")
    if relationship.related_person_id is not None:
        raise ValueError("This relationship already links a person on record.")
    with transaction.atomic():
        relationship.related_person = related_person
        relationship._history_user = actor.user  # type: ignore[attr-defined]
        relationship.save(update_fields=["related_person"])
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.PERSON_RELATIONSHIP_LINKED,
            obj=relationship,
            council_id=relationship.council_id,
            person_id=relationship.person_id,
            fields=["related_person"],
            detail={"related_person": related_person.pk},
        )
        add_to_timeline(
            person=relationship.person,
            kind="record",
            title=f"{relationship.get_kind_display()} linked to their own record",
            summary=related_person.full_name,
            actor=actor,
            obj=relationship,
        )
    return relationship
