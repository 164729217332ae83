"""Reads of casework, always through the people the acting membership may see and open."""

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from assessflow.people.models import Person, TimelineEntry
from assessflow.people.restricted_work import hide_restricted_work_for
from assessflow.people.selectors import on_person_for, people_visible_to
from assessflow.tenancy.models import Membership, Organisation

from .models import CaseworkSettings, Document, LetterTemplate, Note, PersonWarning, Task


# `to_change`: for pages that change the row; breaking the glass on its person opens it for reading only.
def note_for(membership: Membership, note_id: int, session=None, *, to_change: bool = False) -> Note:
    queryset = Note.objects.select_related("author", "amends")
    return on_person_for(queryset, membership, note_id, session, to_change=to_change)


def document_for(membership: Membership, document_id: int, session=None, *, to_change: bool = False) -> Document:
    queryset = Document.objects.filter(retracted_at__isnull=True)
    return on_person_for(queryset, membership, document_id, session, to_change=to_change)


def task_for(membership: Membership, task_id: int, session=None, *, to_change: bool = False) -> Task:
    queryset = Task.objects.select_related("assigned_to", "assigned_team", "created_by", "closed_by")
    return on_person_for(queryset, membership, task_id, session, to_change=to_change)


def warning_for(membership: Membership, warning_id: int, session=None, *, to_change: bool = False) -> PersonWarning:
    return on_person_for(PersonWarning.objects.all(), membership, warning_id, session, to_change=to_change)


def settings_for(council: Organisation) -> CaseworkSettings:
    """The council's casework settings, or the defaults where it has set none."""
    return CaseworkSettings.objects.filter(council=council).first() or CaseworkSettings(council=council)


def amendments_of(note: Note) -> QuerySet[Note]:
    return note.amendments.filter(retracted_at__isnull=True).select_related("author").order_by("written_at")


def active_warnings(person: Person, today: datetime.date) -> QuerySet[PersonWarning]:
    return PersonWarning.objects.filter(person=person, ended_at__isnull=True, review_on__gte=today)


def warnings_of(person: Person) -> QuerySet[PersonWarning]:
    """Every warning the person has carried, active first, for the record's history."""
    return PersonWarning.objects.filter(person=person).select_related("set_by", "ended_by").order_by("-set_at")


def _open_tasks(membership: Membership) -> QuerySet[Task]:
    tasks = Task.objects.filter(status=Task.Status.OPEN, person__in=people_visible_to(membership))
    return (
        hide_restricted_work_for(membership, tasks)
        .select_related("person", "assigned_to", "assigned_team")
        .order_by("due_on", "pk")
    )


def my_tasks(membership: Membership) -> QuerySet[Task]:
    mine = Q(assigned_to=membership.user)
    if membership.team_id:
        mine |= Q(assigned_to__isnull=True, assigned_team_id=membership.team_id)
    return _open_tasks(membership).filter(mine)


def team_tasks(membership: Membership) -> QuerySet[Task]:
    """Open tasks of the manager's team: set to the team, or to anyone in it."""
    if not membership.team_id:
        return Task.objects.none()
    return (
        _open_tasks(membership)
        .filter(
            Q(assigned_team_id=membership.team_id)
            | Q(assigned_to__memberships__team_id=membership.team_id, assigned_to__memberships__is_active=True)
        )
        .distinct()
    )


def chronology_of(membership: Membership, person: Person) -> QuerySet[TimelineEntry]:
    """The significant events on the record as this membership may see them, oldest first, as a chronology to print."""
    events = TimelineEntry.objects.filter(person=person, significant=True, hidden_at__isnull=True)
    return hide_restricted_work_for(membership, events, person_id=person.pk).order_by("occurred_at", "pk")


def letter_templates(council: Organisation, *, active_only: bool = True) -> QuerySet[LetterTemplate]:
    templates = LetterTemplate.objects.filter(council=council)
    return templates.filter(is_active=True) if active_only else templates


def letter_template_for(membership: Membership, template_id: int) -> LetterTemplate:
    council = membership.council
    template = LetterTemplate.objects.filter(council=council, pk=template_id).first() if council else None
    if template is None:
        raise Http404("Not found")
    return template
