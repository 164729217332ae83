"""Tasks set on a record and closed by the people they were for; warnings shown on every page about a person."""

import datetime
import re
import uuid

from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.audit.models import AccessEvent
from assessflow.casework.models import PersonWarning, Task
from assessflow.tests.factories import TeamFactory


def banner(page: str) -> list[str]:
    """The lines of the warning banners at the top of a person page."""
    parts = re.findall(r'<div class="govuk-warning-text app-person-warning">(.*?)</div>\s*</div>', page, re.S)
    return [
        line
        for part in parts
        for line in (re.sub(r"<[^>]+>", "\n", part).split("\n"))
        if line.strip() and line.strip() not in ("!", "Warning")
    ]


def set_task(client, cast, **overrides):
    data = {
        "submission_id": str(uuid.uuid4()),
        "title": "Order a raised toilet seat",
        "due_on_0": "1",
        "due_on_1": "12",
        "due_on_2": "2026",
    }
    data.update(overrides)
    return client.post(reverse("casework:task-new", args=[cast.person_a.pk]), data)


def test_a_task_set_for_a_worker_is_in_their_tasks_until_done(cast, sign_in):
    worker = cast.member("assessor_a")
    manager = sign_in(cast.member("team_manager_a"))
    assert set_task(manager, cast, assigned_to=worker.user.pk).status_code == 302
    with scopes_disabled():
        task = Task.objects.get(title="Order a raised toilet seat")

    client = sign_in(worker)
    assert "Order a raised toilet seat" in client.get(reverse("casework:my-tasks")).content.decode()
    client.post(reverse("casework:task-close", args=[task.pk]), {"outcome": "done", "note": "Ordered"})
    listed = client.get(reverse("casework:my-tasks")).content.decode()
    assert "Task done: Order a raised toilet seat" in listed, "the banner says so"
    assert f'href="{reverse("casework:task", args=[task.pk])}"' not in listed, "and the list no longer has it"
    task.refresh_from_db()
    assert task.status == "done"
    assert task.closed_by == worker.user
    with scopes_disabled():
        assert list(
            AccessEvent.objects.filter(object_id=str(task.pk), object_type="casework.task")
            .values_list("action", flat=True)
            .order_by("pk")
        ) == ["task.set", "task.completed"]


def test_a_manager_sees_the_teams_tasks_and_overdue_ones_stand_out(cast, sign_in):
    team = TeamFactory(organisation=cast.council_a)
    manager = cast.member("team_manager_a")
    manager.team = team
    manager.save()
    client = sign_in(manager)
    set_task(client, cast, assigned_team=team.pk, title="Ring the family", due_on_2="2020")
    page = client.get(reverse("casework:team-tasks")).content.decode()
    assert "Ring the family" in page
    assert "Overdue" in page


def test_a_task_can_be_passed_on_and_cancelled_with_a_reason(cast, sign_in):
    client = sign_in(cast.member("team_manager_a"))
    set_task(client, cast, assigned_to=cast.member("assessor_a").user.pk)
    with scopes_disabled():
        task = Task.objects.get(title="Order a raised toilet seat")
    client.post(reverse("casework:task-reassign", args=[task.pk]), {"assigned_to": cast.member("front_door_a").user.pk})
    task.refresh_from_db()
    assert task.assigned_to == cast.member("front_door_a").user
    client.post(reverse("casework:task-close", args=[task.pk]), {"outcome": "cancel", "note": "No longer needed"})
    task.refresh_from_db()
    assert (task.status, task.closing_note) == ("cancelled", "No longer needed")


def test_a_task_cannot_go_to_someone_outside_the_case(cast, sign_in):
    client = sign_in(cast.member("team_manager_a"))
    page = set_task(client, cast, assigned_to=cast.member("assessor_b").user.pk).content.decode()
    assert "There is a problem" in page
    with scopes_disabled():
        assert not Task.objects.filter(title="Order a raised toilet seat").exists()


def test_an_active_warning_shows_on_every_page_about_the_person_and_an_expired_one_is_kept(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    client.post(
        reverse("casework:warning-new", args=[cast.person_a.pk]),
        {
            "submission_id": str(uuid.uuid4()),
            "warning_type": "no_phone",
            "note": "Hard of hearing: write instead",
            "review_on_0": "1",
            "review_on_1": "1",
            "review_on_2": "2099",
        },
    )
    for url in (
        reverse("people:detail", args=[cast.person_a.pk]),
        reverse("people:edit", args=[cast.person_a.pk]),
        reverse("casework:note-new", args=[cast.person_a.pk]),
    ):
        page = client.get(url).content.decode()
        lines = banner(page)
        assert {"Do not contact by phone", "Hard of hearing: write instead", "Review by 1 January 2099"} <= set(
            lines
        ), url
    with scopes_disabled():
        PersonWarning.objects.filter(note="Hard of hearing: write instead").update(review_on=datetime.date(2020, 1, 1))
    assert "Hard of hearing: write instead" not in banner(
        client.get(reverse("people:detail", args=[cast.person_a.pk])).content.decode()
    )
    history = client.get(reverse("casework:warnings", args=[cast.person_a.pk])).content.decode()
    assert "Hard of hearing: write instead" in history
    assert "Expired" in history


def test_ending_a_warning_keeps_it_in_history(cast, sign_in):
    warning = cast.casework[cast.person_a.pk]["warning"]
    client = sign_in(cast.member("assessor_a"))
    client.post(reverse("casework:warning-end", args=[warning.pk]))
    warning.refresh_from_db()
    assert warning.ended_by == cast.member("assessor_a").user
    assert warning.note not in banner(client.get(reverse("people:detail", args=[cast.person_a.pk])).content.decode())
    assert "Ended" in client.get(reverse("casework:warnings", args=[cast.person_a.pk])).content.decode()
