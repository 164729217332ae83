"""What each role's home page shows: its own queue, counted, from the apps' selectors."""

import datetime
from dataclasses import dataclass, field

from assessflow.allocation.selectors import DUE_SOON_DAYS, caseload_counts, own_caseload
from assessflow.assessments.check_selectors import may_check_anything, queue_counts
from assessflow.assessments.panel_selectors import panel_queue
from assessflow.casework.selectors import my_tasks
from assessflow.frontdoor.selectors import (
    counts_made_by,
    referrals_made_by,
    screening_counts,
    screening_queue,
    status_for_referrer,
)
from assessflow.navigation import administration_for
from assessflow.people.selectors import handed_over_to, own_record, review_overview
from assessflow.safeguarding.selectors import concern_queue, dols_requests, open_enquiries
from assessflow.tenancy.permissions import may
from assessflow.tenancy.roles import OrganisationKind, Role
from assessflow.waiting.models import Priority, WorkType
from assessflow.waiting.selectors import contacts_due, waiting_summary
from assessflow.waiting.timescales import due_label

SHOWN_ROWS = 10
DOLS_SOON_DAYS = 7


@dataclass
class Home:
    """The sections of one role's home page, in the order they are shown, and the people they name."""

    sections: dict[str, object] = field(default_factory=dict)
    shown: list = field(default_factory=list)  # people named on the page, for the access log


def home_for(membership, today: datetime.date) -> Home:
    home = Home()
    if membership.role == Role.CITIZEN:
        home.sections["citizen"] = {"person": own_record(membership)}
    elif membership.role == Role.REFERRER:
        home.sections["referrer"] = _referrer(membership)
    else:
        _queues(membership, today, home)
        _staff_pages(membership, today, home)
    return home


def _queues(membership, today, home) -> None:
    """Work waiting to be picked up: a team's queue first, as it is due soonest, then the role's own."""
    if may(membership, "safeguarding.work"):
        home.sections["safeguarding"] = _safeguarding(membership, today, home)
    if may(membership, "safeguarding.dols"):
        home.sections["dols"] = _dols(membership, today, home)
    if may(membership, "frontdoor.screen"):
        home.sections["screening"] = _screening(membership, today, home)
    if may(membership, "allocation.own_caseload"):
        home.sections["caseload"] = _caseload(membership, today, home)
    if may_check_anything(membership):
        # Counted only: the names are read on the queue, where the list shown is logged.
        home.sections["checks"] = queue_counts(membership)
    if membership.organisation.kind == OrganisationKind.PROVIDER:
        cases = handed_over_to(membership)
        home.shown += [h.person for h in cases]
        home.sections["provider"] = {"cases": cases, "may_see_caseloads": may(membership, "allocation.team_caseload")}
    if membership.role in (Role.TEAM_MANAGER, Role.PERFORMANCE_LEAD) and may(membership, "waiting.view"):
        home.sections["waiting"] = _waiting(membership, today)


def _staff_pages(membership, today, home) -> None:
    """What else the role has: what exists for it today, tasks, review counts, the settings it looks after."""
    if may(membership, "assessments.panel"):
        # Counted only: the names are read on the panel's own pages, where each summary read is logged.
        home.sections["panel"] = {"waiting": panel_queue(membership).count()}
    if membership.role == Role.PERFORMANCE_LEAD:
        home.sections["performance"] = {"may_see_returns": may(membership, "safeguarding.returns")}
    if may(membership, "casework.view_tasks"):
        home.sections["tasks"] = {
            "mine": my_tasks(membership).count(),
            "may_see_team": may(membership, "casework.view_team_tasks"),
        }
    if may(membership, "people.find_person") or may(membership, "people.view_review_overview"):
        home.sections["reviews"] = review_overview(membership, today=today, horizon=datetime.timedelta(days=28))
    administration = administration_for(membership)
    if membership.role in (Role.COUNCIL_ADMIN, Role.CONTRACT_MANAGER) and administration:
        home.sections["administration"] = administration


def _screening(membership, today, home) -> dict:
    counts = screening_counts(membership, today)
    # The front door works the queue by name; a manager who also screens sees how much is waiting.
    rows = []
    if membership.role == Role.FRONT_DOOR:
        rows = list(screening_queue(membership)[:SHOWN_ROWS])
        home.shown += [r.person for r in rows]
    # A manager finds the keep-in-touch contacts beside the waiting lists instead.
    contacts = _contacts_due(membership, today) if membership.role == Role.FRONT_DOOR else None
    return {"counts": counts, "rows": rows, "contacts_due": contacts}


def _contacts_due(membership, today) -> int | None:
    if not may(membership, "waiting.view"):
        return None
    return contacts_due(membership, until=today).count()


def _safeguarding(membership, today, home) -> dict:
    rows = concern_queue(membership, today)
    overdue = [r for r in rows if r.due_on < today]
    due_today = [r for r in rows if r.due_on == today]
    later = [r for r in rows if r.due_on > today]
    urgent = (overdue + due_today)[:SHOWN_ROWS]
    home.shown += [r.concern.person for r in urgent]
    return {
        "total": len(rows),
        "overdue": len(overdue),
        "due_today": len(due_today),
        "later": len(later),
        "rows": urgent,
        "enquiries": open_enquiries(membership).count(),
        "may_see_returns": may(membership, "safeguarding.returns"),
    }


def _dols(membership, today, home) -> dict:
    rows = dols_requests(membership, today)
    soon = today + datetime.timedelta(days=DOLS_SOON_DAYS)
    breached = [r for r in rows if r.breached]
    due_soon = [r for r in rows if not r.breached and r.decide_by <= soon]
    later = [r for r in rows if not r.breached and r.decide_by > soon]
    first = rows[:SHOWN_ROWS]
    home.shown += [r.application.person for r in first]
    return {
        "total": len(rows),
        "breached": len(breached),
        "due_soon": len(due_soon),
        "later": len(later),
        "soon": soon,
        "soon_days": DOLS_SOON_DAYS,
        "urgent": sum(1 for r in rows if r.urgent_until is not None),
        "rows": first,
    }


def _caseload(membership, today, home) -> dict:
    allocations = own_caseload(membership)
    next_due = list(allocations.select_related("entry", "person").order_by("entry__due_on", "pk")[:5])
    for allocation in next_due:
        allocation.due_label = due_label(
            work_type=allocation.entry.work_type,
            due_on=allocation.entry.due_on,
            review_due_on=allocation.person.review_due_on,
        )
    home.shown += [a.person for a in next_due]
    return {
        "counts": caseload_counts(allocations, today),
        "next_due": next_due,
        "soon": today + datetime.timedelta(days=DUE_SOON_DAYS),
    }


def _waiting(membership, today) -> dict:
    summary = waiting_summary(membership, today=today)
    work_types = [w for w in WorkType if any(work == w for work, _ in summary.by_work_and_priority)]
    table = [
        {
            "work_type": work.label,
            "cells": [summary.by_work_and_priority.get((work, p), (0, 0)) for p in Priority],
            "total": sum(summary.by_work_and_priority.get((work, p), (0, 0))[0] for p in Priority),
            "overdue": sum(summary.by_work_and_priority.get((work, p), (0, 0))[1] for p in Priority),
        }
        for work in work_types
    ]
    priority_totals = [sum(summary.by_work_and_priority.get((w, p), (0, 0))[0] for w in WorkType) for p in Priority]
    return {
        "summary": summary,
        "priorities": [p.label for p in Priority],
        "priority_totals": priority_totals,
        "table": table,
        "may_allocate": may(membership, "allocation.allocate"),
        "may_see_caseloads": may(membership, "allocation.team_caseload"),
        "contacts_due": _contacts_due(membership, today) if membership.role == Role.TEAM_MANAGER else None,
    }


def _referrer(membership) -> dict:
    recent = list(referrals_made_by(membership)[:SHOWN_ROWS])
    return {
        "counts": counts_made_by(membership),
        "rows": [(r, status_for_referrer(r)) for r in recent],
    }
