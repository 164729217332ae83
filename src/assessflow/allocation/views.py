"""Pages for the assessor pool, allocating by hand, and caseloads."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.core.journeys import done
from assessflow.people.extensions import person_page
from assessflow.people.services import record_people_searched
from assessflow.tenancy.permissions import may, permission_required
from assessflow.tenancy.roles import OrganisationKind, Qualification
from assessflow.waiting.models import WorkType
from assessflow.waiting.selectors import entry_for
from assessflow.waiting.timescales import due_label

from . import pool_services, selectors, services
from .actions import AccessAction
from .constraints import ALLOWED, SKILLS, WORK_SKILLS
from .extensions import caseload_actions
from .forms import AbsenceForm, AllocateForm, ConflictForm, ProfileForm, UnallocateForm
from .models import AssessorProfile


@require_GET
@permission_required("allocation.manage_pool")
def pool(request: HttpRequest) -> HttpResponse:
    council = request.membership.organisation
    profiles = {p.membership_id: p for p in selectors.pool(council)}
    members = selectors.eligible_memberships(council, timezone.localdate())
    return render(
        request,
        "allocation/pool.html",
        {"rows": [(m, profiles.get(m.pk)) for m in members], "skills": SKILLS, "work_rules": _work_rules()},
    )


def _work_rules() -> list[tuple[str, list[str], list[str]]]:
    labels = dict(Qualification.choices)
    return [
        (
            work.label,
            sorted(str(labels[q]) for q in ALLOWED[work.value]),
            sorted(SKILLS[s] for s in WORK_SKILLS.get(work.value, ())),
        )
        for work in WorkType
    ]


def _profile(request: HttpRequest, membership_id: int) -> AssessorProfile:
    return selectors.profile_for(request.membership, membership_id, timezone.localdate())


@require_http_methods(["GET", "POST"])
@permission_required("allocation.manage_pool")
def profile(request: HttpRequest, membership_id: int) -> HttpResponse:
    item = _profile(request, membership_id)
    contracted = item.membership.organisation.kind == OrganisationKind.PROVIDER
    form = ProfileForm(request.POST or None, instance=item, contracted=contracted)
    if request.method == "POST" and form.is_valid():
        pool_services.save_profile(actor=Actor.from_request(request), form=form)
        return done(request, f"{item.membership.user.full_name}'s assessor profile saved", "allocation:pool")
    return render(
        request,
        "allocation/profile.html",
        {"form": form, "item": item, "absences": selectors.absences_of(item), "absence_form": AbsenceForm()},
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required("allocation.manage_pool")
def absence(request: HttpRequest, membership_id: int) -> HttpResponse:
    item = _profile(request, membership_id)
    form = AbsenceForm(request.POST)
    if item.pk and form.is_valid():
        pool_services.add_absence(actor=Actor.from_request(request), profile=item, **form.cleaned_data)
        return done(request, f"Absence added for {item.membership.user.full_name}", "allocation:profile", membership_id)
    if not item.pk:
        form.add_error(None, "Save their profile before adding an absence")
    contracted = item.membership.organisation.kind == OrganisationKind.PROVIDER
    return render(
        request,
        "allocation/profile.html",
        {
            "form": ProfileForm(instance=item, contracted=contracted),
            "item": item,
            "absences": selectors.absences_of(item),
            "absence_form": form,
        },
        status=400,
    )


def _allocate_page(request, entry, form, unallocate_form, status=200, conflict_form=None):
    found = selectors.entry_allocations(entry)
    return render(
        request,
        "allocation/allocate.html",
        {
            **person_page(request.membership, entry.person),
            "entry": entry,
            "current": found.current,
            "form": form,
            "unallocate_form": unallocate_form,
            "conflict_form": conflict_form or ConflictForm(assessors=selectors.pool_users(entry.council)),
            "conflicts": found.conflicts,
            "history": found.history,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@permission_required("allocation.allocate")
def allocate(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = entry_for(request.membership, entry_id, request.session, to_change=True)
    form = AllocateForm(request.POST or None, assessors=selectors.pool_users(entry.council))
    if request.method == "GET":
        record_on_person(
            actor=Actor.from_request(request), kind=AccessEvent.Kind.VIEW, action=AccessAction.ENTRY_VIEWED, obj=entry
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.allocate(
                actor=Actor.from_request(request),
                entry=entry,
                assessor=form.cleaned_data["assessor"],
                reason=form.cleaned_data["reason"],
            )
            return done(
                request,
                f"{entry.person.full_name}'s {entry.get_work_type_display().lower()} allocated to "
                f"{form.cleaned_data['assessor'].full_name}",
                "allocation:allocate",
                entry.pk,
                names={"person": entry.person.full_name},
            )
        except services.AllocationRefused as error:
            form.add_error(None, error.messages)
    return _allocate_page(request, entry, form, UnallocateForm(), status=400 if form.errors else 200)


@require_POST
@permission_required("allocation.allocate")
def conflict(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = entry_for(request.membership, entry_id, request.session, to_change=True)
    assessors = selectors.pool_users(entry.council)
    form = ConflictForm(request.POST, assessors=assessors)
    if form.is_valid():
        services.record_conflict(
            actor=Actor.from_request(request),
            entry=entry,
            assessor=form.cleaned_data["assessor"],
            reason=form.cleaned_data["conflict_reason"],
        )
        return done(
            request,
            f"Conflict of interest recorded: {form.cleaned_data['assessor'].full_name} will not be given "
            f"{entry.person.full_name}'s case",
            "allocation:allocate",
            entry.pk,
        )
    return _allocate_page(
        request, entry, AllocateForm(assessors=assessors), UnallocateForm(), status=400, conflict_form=form
    )


@require_POST
@permission_required("allocation.allocate")
def unallocate(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = entry_for(request.membership, entry_id, request.session, to_change=True)
    form = UnallocateForm(request.POST)
    if form.is_valid():
        try:
            services.unallocate(actor=Actor.from_request(request), entry=entry, reason=form.cleaned_data["reason"])
            return done(
                request,
                f"Allocation withdrawn: {entry.person.full_name}'s {entry.get_work_type_display().lower()} "
                "is back on the waiting list",
                "allocation:allocate",
                entry.pk,
            )
        except services.AllocationRefused as error:
            form.add_error(None, error.messages)
    return _allocate_page(request, entry, AllocateForm(assessors=selectors.pool_users(entry.council)), form, status=400)


@require_GET
@permission_required("allocation.own_caseload")
def caseload(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    allocations = selectors.own_caseload(request.membership).select_related("entry", "person", "council")
    rows = list(allocations.order_by("entry__due_on", "pk")[:500])
    actions = caseload_actions(request.membership, rows)
    for row in rows:
        row.due_label = due_label(
            work_type=row.entry.work_type, due_on=row.entry.due_on, review_due_on=row.person.review_due_on
        )
        row.actions = actions.get(row.pk, [])
    record_people_searched(
        actor=Actor.from_request(request),
        council_ids=sorted({a.council_id for a in rows}),
        criteria=["caseload"],
        found=[a.person for a in rows],
    )
    return render(
        request,
        "allocation/caseload.html",
        {
            "rows": rows,
            "counts": selectors.caseload_counts(allocations, today),
            "today": today,
            "soon": today + datetime.timedelta(days=selectors.DUE_SOON_DAYS),
        },
    )


@require_GET
@permission_required("allocation.team_caseload")
def team(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    membership = request.membership
    organisation = membership.organisation if membership.organisation.kind == OrganisationKind.PROVIDER else None
    boards = []
    for council in selectors.councils_served(membership):
        rows = selectors.caseloads_by_assessor(council, today, organisation)
        history = selectors.caseload_over_time(council, today, organisation=organisation)
        for row in rows:
            row["history"] = history["series"].get(row["profile"].membership.user_id, [0] * len(history["weeks"]))
        boards.append({"council": council, "rows": rows, "history": history})
    return render(
        request,
        "allocation/team.html",
        {"boards": boards, "today": today, "may_allocate": may(membership, "allocation.allocate")},
    )
