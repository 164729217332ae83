"""Case notes: written once, editable by their author for a short window, then corrected by amendment."""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.people.models import Person, TimelineEntry
from assessflow.people.services import add_to_timeline, hide_from_timeline

from ..actions import AccessAction
from ..models import Note
from ..selectors import settings_for
from .common import url_of


class NoteLocked(Exception):
    """The note's edit window has closed (or it is someone else's): correct it with an amendment."""


def add_note(
    *,
    actor: Actor,
    person: Person,
    note_type: str,
    occurred_at: datetime.datetime,
    text: str,
    significant: bool = False,
    submission_id: uuid.UUID,
    amends: Note | None = None,
    work_item: tuple[str, str] = ("", ""),
) -> Note:
    existing = Note.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing
    note = Note(
        council_id=person.council_id,
        person=person,
        note_type=note_type,
        occurred_at=occurred_at,
        author=actor.user,
        author_role=actor.role,
        text=text,
        significant=significant,
        amends=amends,
        submission_id=submission_id,
        work_item_type=work_item[0],
        work_item_id=work_item[1],
    )
    note.full_clean()
    with transaction.atomic():
        note.save()
        action = AccessAction.NOTE_AMENDED if amends else AccessAction.NOTE_ADDED
        record_on_person(actor=actor, kind=AccessEvent.Kind.CHANGE, action=action, obj=note)
        title = f"Amendment to a note: {note.get_note_type_display()}" if amends else note.get_note_type_display()
        add_to_timeline(
            person=person,
            kind="note",
            title=title,
            summary=text,
            actor=actor,
            occurred_at=occurred_at,
            obj=note,
            url=url_of("casework:note", note),
            significant=significant,
        )
    return note


def edit_window_closes(note: Note) -> datetime.datetime:
    hours = settings_for(note.council).note_edit_window_hours
    return note.written_at + datetime.timedelta(hours=hours)


def may_edit(note: Note, actor: Actor, now: datetime.datetime | None = None) -> bool:
    return note.author_id == getattr(actor.user, "pk", None) and (now or timezone.now()) < edit_window_closes(note)


def edit_note(*, actor: Actor, note: Note, text: str, significant: bool, expected_version: int) -> Note:
    """The author corrects their own note inside the window; afterwards only an amendment may."""
    if not may_edit(note, actor):
        raise NoteLocked("This note can no longer be changed. Add an amendment instead.")
    with transaction.atomic():
        claimed = Note.objects.filter(pk=note.pk, version=expected_version).update(
            text=text, significant=significant, version=expected_version + 1, edited_at=timezone.now()
        )
        if claimed != 1:
            raise NoteLocked("Someone changed this note after you opened it.")
        note.refresh_from_db()
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.NOTE_EDITED,
            obj=note,
            fields=["text", "significant"],
        )
        TimelineEntry.objects.filter(object_type="casework.note", object_id=str(note.pk)).update(
            summary=text, significant=significant
        )
    return note


def retract_note(*, actor: Actor, note: Note, reason: str) -> Note:
    with transaction.atomic():
        Note.objects.filter(pk=note.pk).update(
            retracted_at=timezone.now(), retracted_by=actor.user, retraction_reason=reason
        )
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.NOTE_RETRACTED,
            obj=note,
            detail={"reason": reason},
        )
        hide_from_timeline(obj=note)
    note.refresh_from_db()
    return note
