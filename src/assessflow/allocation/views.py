"""Pages for the assessor pool, allocating by hand, and caseloads."""

import datetime

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access, record_on_person
from assessflow.core.journeys import done
from assessflow.people.extensions import person_page
from assessflow.people.services import record_people_searched
from assessflow.tenancy.models import Organisation, User
from assessflow.tenancy.permissions import may, permission_required
from assessflow.tenancy.roles import OrganisationKind, Qualification
from assessflow.waiting.models import WorkType
from assessflow.waiting.selectors import entry_for
from assessflow.waiting.timescales import due_label

from . import selectors, services
from .actions import AccessAction
from .constraints import ALLOWED, SKILLS, WORK_SKILLS
from .forms import AbsenceForm, AllocateForm, ConflictForm, ProfileForm, UnallocateForm
from .models import Absence, Allocation, AssessorProfile, ConflictOfInterest


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
    council = request.membership.organisation
    membership = selectors.eligible_memberships(council, timezone.localdate()).filter(pk=membership_id).first()
    if membership is None:
        raise Http404("Not in this council's pool")
    found = AssessorProfile.objects.filter(council=council, membership=membership).first()
    return found or AssessorProfile(council=council, membership=membership)


@require_http_methods(["GET", "POST"])
@permission_required("allocation.manage_pool")
def profile(request: HttpRequest, membership_id: int) -> HttpResponse:
    item = _profile(request, membership_id)
    contracted = item.membership.organisation.kind == OrganisationKind.PROVIDER
    form = ProfileForm(request.POST or None, instance=item, contracted=contracted)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            record_access(
                actor=Actor.from_request(request),
                kind=AccessEvent.Kind.CHANGE,
                action=AccessAction.PROFILE_SAVED,
                obj=saved,
                council_id=saved.council_id,
                fields=list(form.changed_data),
            )
        return done(request, f"{item.membership.user.full_name}'s assessor profile saved", "allocation:pool")
    absences = Absence.objects.filter(profile=item).order_by("-starts_on") if item.pk else []
    return render(
        request,
        "allocation/profile.html",
        {"form": form, "item": item, "absences": absences, "absence_form": AbsenceForm()},
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required("allocation.manage_pool")
def absence(request: HttpRequest, membership_id: int) -> HttpResponse:
    item = _profile(request, membership_id)
    form = AbsenceForm(request.POST)
    if item.pk and form.is_valid():
        Absence.objects.create(council=item.council, profile=item, **form.cleaned_data)
        return done(request, f"Absence added for {item.membership.user.full_name}", "allocation:profile", membership_id)
    if not item.pk:
        form.add_error(None, "Save their profile before adding an absence")
    return render(
        request,
        "allocation/profile.html",
        {
            "form": ProfileForm(instance=item, contracted=False),
            "item": item,
            "absences": [],
            "absence_form": form,
        },
        status=400,
    )


def _allocate_page(request, entry, form, unallocate_form, status=200, conflict_form=None):
    current = Allocation.objects.filter(entry=entry, ended_at__isnull=True).select_related("assessor").first()
    conflicts = ConflictOfInterest.objects.filter(person_id=entry.person_id).select_related("assessor")
    return render(
        request,
        "allocation/allocate.html",
        {
            **person_page(request.membership, entry.person),
            "entry": entry,
            "current": current,
            "form": form,
            "unallocate_form": unallocate_form,
            "conflict_form": conflict_form or ConflictForm(assessors=_pool_users(entry.council)),
            "conflicts": conflicts,
            "history": Allocation.objects.filter(entry=entry)
            .select_related("assessor", "allocated_by")
            .order_by("-pk"),
        },
        status=status,
    )


def _pool_users(council):
    return User.objects.filter(pk__in=selectors.pool(council).values("membership__user_id")).order_by("full_name")


@require_http_methods(["GET", "POST"])
@permission_required("allocation.allocate")
def allocate(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = entry_for(request.membership, entry_id, request.session, to_change=True)
    form = AllocateForm(request.POST or None, assessors=_pool_users(entry.council))
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
    assessors = _pool_users(entry.council)
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
    return _allocate_page(request, entry, AllocateForm(assessors=_pool_users(entry.council)), form, status=400)


@require_GET
@permission_required("allocation.own_caseload")
def caseload(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    allocations = selectors.own_caseload(request.membership).select_related("entry", "person", "council")
    rows = list(allocations.order_by("entry__due_on", "pk")[:500])
    for row in rows:
        row.due_label = due_label(
            work_type=row.entry.work_type, due_on=row.entry.due_on, review_due_on=row.person.review_due_on
        )
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
    if membership.organisation.kind == OrganisationKind.PROVIDER:
        councils = list(Organisation.objects.filter(pk__in=membership.council_ids()))
        organisation = membership.organisation
    else:
        councils, organisation = [membership.organisation], None
    boards = []
    for council in councils:
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
