"""Pages for tasks: setting one on a record, my tasks, my team's tasks, and closing or passing one on."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.core.journeys import done
from assessflow.people.extensions import person_page
from assessflow.tenancy.permissions import permission_required

from . import selectors
from .actions import AccessAction
from .forms import CloseTaskForm, ReassignForm, TaskForm
from .services import tasks
from .views import _person

TASK_LIST_LIMIT = 200


@require_http_methods(["GET", "POST"])
@permission_required("casework.set_task")
def task_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id, to_change=True)
    form = TaskForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            task = tasks.set_task(actor=Actor.from_request(request), person=person, **form.cleaned_data)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return done(
                request,
                f"Task set for {_holder(task)} on {person.full_name}'s record: {task.title}",
                "people:detail",
                person_id=person.pk,
                go_back=True,
            )
    return render(request, "casework/task_form.html", {**person_page(request.membership, person), "form": form})


def _holder(task) -> str:
    return task.assigned_to.full_name if task.assigned_to_id else task.assigned_team.name


def _task_list(request: HttpRequest, queryset, heading: str) -> HttpResponse:
    rows = list(queryset[:TASK_LIST_LIMIT])
    today = timezone.localdate()
    return render(
        request,
        "casework/task_list.html",
        {
            "tasks": rows,
            "heading": heading,
            "today": today,
            "overdue": sum(t.due_on < today for t in rows),
            "limited": len(rows) == TASK_LIST_LIMIT,
        },
    )


@require_GET
@permission_required("casework.view_tasks")
def my_tasks(request: HttpRequest) -> HttpResponse:
    return _task_list(request, selectors.my_tasks(request.membership), "Your tasks")


@require_GET
@permission_required("casework.view_team_tasks")
def team_tasks(request: HttpRequest) -> HttpResponse:
    team = request.membership.team
    return _task_list(
        request, selectors.team_tasks(request.membership), f"Tasks for {team.name}" if team else "Your team's tasks"
    )


@require_GET
@permission_required("casework.view_tasks")
def task(request: HttpRequest, task_id: int) -> HttpResponse:
    item = selectors.task_for(request.membership, task_id, request.session)
    record_on_person(
        actor=Actor.from_request(request), kind=AccessEvent.Kind.VIEW, action=AccessAction.TASK_VIEWED, obj=item
    )
    return _task_page(request, item, ReassignForm(person=item.person))


def _task_page(request: HttpRequest, item, reassign_form: ReassignForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "casework/task.html",
        {
            **person_page(request.membership, item.person),
            "task": item,
            "close_form": CloseTaskForm(),
            "reassign_form": reassign_form,
            "today": timezone.localdate(),
        },
        status=status,
    )


@require_POST
@permission_required("casework.view_tasks")
def task_close(request: HttpRequest, task_id: int) -> HttpResponse:
    item = selectors.task_for(request.membership, task_id, request.session, to_change=True)
    form = CloseTaskForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    actor = Actor.from_request(request)
    cancel = request.POST.get("outcome") == "cancel"
    try:
        if cancel:
            tasks.cancel_task(actor=actor, task=item, reason=note or "Cancelled")
        else:
            tasks.complete_task(actor=actor, task=item, note=note)
    except ValidationError:
        return redirect("casework:task", item.pk)  # already closed by someone else: the task page shows how
    return done(request, f"Task {'cancelled' if cancel else 'done'}: {item.title}", "casework:task", item.pk)


@require_POST
@permission_required("casework.set_task")
def task_reassign(request: HttpRequest, task_id: int) -> HttpResponse:
    item = selectors.task_for(request.membership, task_id, request.session, to_change=True)
    form = ReassignForm(request.POST, person=item.person)
    if form.is_valid():
        try:
            task = tasks.reassign_task(actor=Actor.from_request(request), task=item, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return done(request, f"Task passed to {_holder(task)}: {task.title}", "casework:task", item.pk)
    return _task_page(request, item, form, status=400)
