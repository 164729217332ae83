"""Tasks: set for a worker or a team on a person's record, then completed, reassigned or cancelled."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.pathway.transitions import change_status
from assessflow.people.models import Person
from assessflow.people.services import add_to_timeline
from assessflow.tenancy.models import Team, User

from ..actions import AccessAction
from ..models import Task
from .common import url_of

TASK_MOVES = {Task.Status.OPEN: {Task.Status.DONE, Task.Status.CANCELLED}}


def _owner_name(user: User | None, team: Team | None) -> str:
    """Who has the task, as the log and the timeline name them: the worker, or else the team."""
    if user is not None:
        return user.full_name
    if team is not None:
        return team.name
    raise ValidationError({"assigned_to": "Choose a worker or a team"})


def _check_owner(person: Person, user: User | None, team: Team | None) -> None:
    if user is None and team is None:
        raise ValidationError({"assigned_to": "Choose a worker or a team"})
    allowed_orgs = {
        person.council_id,
        *person.handovers.filter(ended_at__isnull=True).values_list("contract__provider_id", flat=True),
    }
    if user is not None and not user.memberships.filter(organisation_id__in=allowed_orgs, is_active=True).exists():
        raise ValidationError({"assigned_to": "Choose someone who works on this person's case"})
    if team is not None and team.organisation_id not in allowed_orgs:
        raise ValidationError({"assigned_team": "Choose a team that works on this person's case"})


def set_task(
    *,
    actor: Actor,
    person: Person,
    title: str,
    due_on: datetime.date,
    assigned_to: User | None = None,
    assigned_team: Team | None = None,
    details: str = "",
    submission_id: uuid.UUID,
) -> Task:
    existing = Task.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing
    _check_owner(person, assigned_to, assigned_team)
    task = Task(
        council_id=person.council_id,
        person=person,
        title=title,
        details=details,
        due_on=due_on,
        assigned_to=assigned_to,
        assigned_team=assigned_team,
        created_by=actor.user,
        submission_id=submission_id,
    )
    task.full_clean()
    with transaction.atomic():
        task.save()
        record_on_person(actor=actor, kind=AccessEvent.Kind.CHANGE, action=AccessAction.TASK_SET, obj=task)
        owner = _owner_name(assigned_to, assigned_team)
        add_to_timeline(
            person=person,
            kind="task",
            title=f"Task set: {title}",
            summary=f"For {owner}, due {due_on:%-d %B %Y}",
            actor=actor,
            obj=task,
            url=url_of("casework:task", task),
        )
    return task


def _close(*, actor: Actor, task: Task, status: str, note: str, action: str, title: str) -> Task:
    if task.status != Task.Status.OPEN:
        raise ValidationError("This task is already closed.")
    with transaction.atomic():
        change_status(
            task,
            moves=TASK_MOVES,
            to=status,
            actor=actor,
            event_kind=None,  # a task is not a piece of work the figures count
            action=action,
            fields={"closed_at": timezone.now(), "closed_by": actor.user, "closing_note": note},
            detail={"note": note} if note else None,
        )
        add_to_timeline(
            person=task.person,
            kind="task",
            title=f"{title}: {task.title}",
            summary=note,
            actor=actor,
            obj=task,
            url=url_of("casework:task", task),
        )
    return task


def complete_task(*, actor: Actor, task: Task, note: str = "") -> Task:
    return _close(
        actor=actor,
        task=task,
        status=Task.Status.DONE,
        note=note,
        action=AccessAction.TASK_COMPLETED,
        title="Task done",
    )


def cancel_task(*, actor: Actor, task: Task, reason: str) -> Task:
    return _close(
        actor=actor,
        task=task,
        status=Task.Status.CANCELLED,
        note=reason,
        action=AccessAction.TASK_CANCELLED,
        title="Task cancelled",
    )


def reassign_task(*, actor: Actor, task: Task, assigned_to: User | None, assigned_team: Team | None) -> Task:
    if task.status != Task.Status.OPEN:
        raise ValidationError("Only an open task can be reassigned.")
    _check_owner(task.person, assigned_to, assigned_team)
    with transaction.atomic():
        Task.objects.filter(pk=task.pk).update(assigned_to=assigned_to, assigned_team=assigned_team)
        task.refresh_from_db()
        owner = _owner_name(assigned_to, assigned_team)
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.TASK_REASSIGNED,
            obj=task,
            detail={"to": owner},
        )
        add_to_timeline(
            person=task.person,
            kind="task",
            title=f"Task reassigned: {task.title}",
            summary=f"Now with {owner}",
            actor=actor,
            obj=task,
            url=url_of("casework:task", task),
        )
    return task
