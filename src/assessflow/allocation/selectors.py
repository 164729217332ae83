"""Reads for allocation: the pool as the optimiser sees it, the cases on the list, and caseloads."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from assessflow.core.working_days import is_working_day
from assessflow.people.models import Handover
from assessflow.tenancy.models import Contract, Membership, Organisation, User
from assessflow.tenancy.roles import OrganisationKind, Role
from assessflow.waiting.models import WaitingListEntry

from . import constraints
from .models import (
    Absence,
    Allocation,
    AllocationSettings,
    AssessorProfile,
    ConflictOfInterest,
    ContractScope,
    TravelTime,
)

DUE_SOON_DAYS = 14


def settings_for(council: Organisation) -> AllocationSettings:
    found = AllocationSettings.objects.filter(council=council).first()
    return found or AllocationSettings(council=council)


def area_of(postcode: str) -> str:
    """A person's area is their postcode district: the part before the space."""
    return postcode.strip().upper().split(" ")[0] if postcode else ""


def pool(council: Organisation) -> QuerySet[AssessorProfile]:
    return (
        AssessorProfile.objects.filter(council=council, is_active=True, membership__is_active=True)
        .select_related("membership__user", "membership__organisation", "membership__team", "base_area", "supervisor")
        .prefetch_related("areas")
        .order_by("membership__user__full_name", "pk")
    )


def live_contracts(council: Organisation, today: datetime.date) -> dict[int, Contract]:
    """Each provider's live contract with the council, by provider."""
    contracts = Contract.objects.filter(council=council, starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    return {c.provider_id: c for c in contracts}


def _week(today: datetime.date) -> list[datetime.date]:
    monday = today - datetime.timedelta(days=today.weekday())
    return [monday + datetime.timedelta(days=n) for n in range(7)]


def _not_a_bank_holiday(day: datetime.date) -> bool:
    return day.weekday() >= 5 or is_working_day(day)


def capacity_left(profile: AssessorProfile, today: datetime.date, absences: list[Absence], allocated: int) -> int:
    """Slots free this week: the weekly slots for the days they work and are not away, less what they already took."""
    pattern = profile.working_days or [0, 1, 2, 3, 4]
    days = [
        d
        for d in _week(today)
        if d.weekday() in pattern
        and _not_a_bank_holiday(d)
        and not any(a.starts_on <= d <= a.ends_on for a in absences)
    ]
    slots = round(profile.weekly_slots * len(days) / len(pattern)) if pattern else 0
    return max(0, slots - allocated)


def assessors_for(
    council: Organisation, today: datetime.date
) -> tuple[list[constraints.Assessor], dict[int, AssessorProfile]]:
    """The pool as the optimiser sees it; assessors are known by their user id."""
    profiles = list(pool(council))
    contracts = live_contracts(council, today)
    scopes = {s.contract_id: s.work_types for s in ContractScope.objects.filter(council=council)}
    absences: dict[int, list[Absence]] = defaultdict(list)
    for absence in Absence.objects.filter(
        council=council, ends_on__gte=_week(today)[0], starts_on__lte=_week(today)[-1]
    ):
        absences[absence.profile_id].append(absence)
    monday = timezone.make_aware(datetime.datetime.combine(_week(today)[0], datetime.time.min))
    taken = dict(
        Allocation.objects.filter(council=council, allocated_at__gte=monday)
        .values_list("assessor_id")
        .annotate(n=Count("pk"))
    )
    assessors, by_user = [], {}
    for profile in profiles:
        membership = profile.membership
        contract = None
        if membership.organisation.kind == OrganisationKind.PROVIDER:
            contract = contracts.get(membership.organisation_id)
            if contract is None:
                continue  # no live contract with this council: not in its pool today
        work_types = scopes.get(contract.pk) if contract else None
        assessors.append(
            constraints.Assessor(
                id=membership.user_id,
                qualification=membership.qualification,
                capacity=capacity_left(profile, today, absences[profile.pk], taken.get(membership.user_id, 0)),
                areas=frozenset(a.code for a in profile.areas.all()),
                base_area=profile.base_area.code if profile.base_area else "",
                skills=frozenset(profile.skills),
                contract=contract.pk if contract else None,
                contract_work_types=frozenset(work_types) if work_types else None,
                fees={k: int(v) for k, v in profile.fees.items()},
                supervised=profile.supervisor_id is not None,
            )
        )
        by_user[membership.user_id] = profile
    return assessors, by_user


def travel_matrix(council: Organisation) -> dict[tuple[str, str], int]:
    return {
        (t.from_area.code, t.to_area.code): t.minutes
        for t in TravelTime.objects.filter(council=council).select_related("from_area", "to_area")
    }


def waiting_entries(council: Organisation, *, work_type: str = "", team_id: int | None = None) -> QuerySet:
    entries = WaitingListEntry.objects.filter(council=council, status=WaitingListEntry.Status.WAITING)
    if work_type:
        entries = entries.filter(work_type=work_type)
    if team_id:
        entries = entries.filter(team_id=team_id)
    return entries


def cases_for(
    council: Organisation, today: datetime.date, *, work_type: str = "", team_id=None
) -> list[constraints.Case]:
    return cases_from(council, waiting_entries(council, work_type=work_type, team_id=team_id), today)


def cases_from(council: Organisation, entries: QuerySet, today: datetime.date) -> list[constraints.Case]:
    """Entries as the optimiser sees them: area, skills, the contract they are handed to, continuity, conflicts."""
    rows = list(
        entries.values_list(
            "pk", "person_id", "work_type", "priority", "added_at", "person__postcode", "person__primary_support_reason"
        )
    )
    people = {r[1] for r in rows}
    handed = dict(
        Handover.objects.filter(council=council, ended_at__isnull=True, person_id__in=people).values_list(
            "person_id", "contract_id"
        )
    )
    known, conflicts = defaultdict(set), defaultdict(set)
    for person_id, assessor_id in Allocation.objects.filter(council=council, person_id__in=people).values_list(
        "person_id", "assessor_id"
    ):
        known[person_id].add(assessor_id)
    for person_id, assessor_id in ConflictOfInterest.objects.filter(council=council, person_id__in=people).values_list(
        "person_id", "assessor_id"
    ):
        conflicts[person_id].add(assessor_id)
    return [
        constraints.Case(
            id=pk,
            work_type=work,
            priority=priority,
            days_waiting=max(0, (today - timezone.localdate(added_at)).days),
            area=area_of(postcode),
            skills_needed=constraints.skills_needed(work, reason or ""),
            handed_contract=handed.get(person_id),
            known_assessors=frozenset(known[person_id] - conflicts[person_id]),
            conflicts=frozenset(conflicts[person_id]),
        )
        for pk, person_id, work, priority, added_at, postcode, reason in rows
    ]


@dataclass(frozen=True)
class Caseload:
    open: int
    due_soon: int
    overdue: int


def open_allocations(council: Organisation) -> QuerySet[Allocation]:
    return Allocation.objects.filter(
        council=council, ended_at__isnull=True, entry__status=WaitingListEntry.Status.ALLOCATED
    )


def own_caseload(membership: Membership) -> QuerySet[Allocation]:
    """The work allocated to this user in the acting role's organisation: someone who also works for a provider
    sees there only what the provider was given, never the council's own (its DoLS work above all)."""
    return Allocation.objects.filter(
        assessor=membership.user,
        organisation=membership.organisation,
        ended_at__isnull=True,
        entry__status=WaitingListEntry.Status.ALLOCATED,
    )


def caseload_counts(allocations: QuerySet[Allocation], today: datetime.date) -> dict:
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return allocations.aggregate(
        open=Count("pk"),
        due_soon=Count("pk", filter=Q(entry__due_on__gte=today, entry__due_on__lte=soon)),
        overdue=Count("pk", filter=Q(entry__due_on__lt=today)),
    )


def caseloads_by_assessor(council: Organisation, today: datetime.date, organisation=None) -> list[dict]:
    """Open, due soon and overdue for every assessor in the pool (or, for a provider's manager, its own)."""
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    profiles = pool(council)
    if organisation is not None:
        profiles = profiles.filter(membership__organisation=organisation)
    counts: dict[int, dict[str, int]] = {
        row["assessor_id"]: {"open": row["open"], "due_soon": row["due_soon"], "overdue": row["overdue"]}
        for row in open_allocations(council)
        .values("assessor_id")
        .annotate(
            open=Count("pk"),
            due_soon=Count("pk", filter=Q(entry__due_on__gte=today, entry__due_on__lte=soon)),
            overdue=Count("pk", filter=Q(entry__due_on__lt=today)),
        )
    }
    empty = {"open": 0, "due_soon": 0, "overdue": 0}
    return [{"profile": p, **{k: counts.get(p.membership.user_id, empty)[k] for k in empty}} for p in profiles]


def caseload_over_time(council: Organisation, today: datetime.date, weeks: int = 8, organisation=None) -> dict:
    """Open allocations per assessor at the end of each of the last weeks, from when allocations began and ended."""
    ends = [today - datetime.timedelta(days=7 * n) for n in range(weeks - 1, -1, -1)]
    cut = [timezone.make_aware(datetime.datetime.combine(d, datetime.time.max)) for d in ends]
    allocations = Allocation.objects.filter(council=council, allocated_at__lte=cut[-1]).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=cut[0])
    )
    if organisation is not None:
        allocations = allocations.filter(organisation=organisation)
    series: dict[int, list[int]] = defaultdict(lambda: [0] * weeks)
    for assessor_id, start, end in allocations.values_list("assessor_id", "allocated_at", "ended_at"):
        for i, moment in enumerate(cut):
            if start <= moment and (end is None or end > moment):
                series[assessor_id][i] += 1
    return {"weeks": ends, "series": dict(series)}


def eligible_memberships(council: Organisation, today: datetime.date) -> QuerySet:
    """Who can be in the pool: the council's assessors and team managers, and providers' assessors on live contracts."""
    providers = list(live_contracts(council, today))
    return (
        Membership.objects.filter(is_active=True)
        .filter(
            Q(organisation=council, role__in=[Role.ASSESSOR, Role.TEAM_MANAGER])
            | Q(organisation_id__in=providers, role=Role.ASSESSOR)
        )
        .exclude(qualification="")
        .select_related("user", "organisation", "team")
        .order_by("user__full_name", "pk")
    )


def is_approved_bia(council_id: int, user) -> bool:
    """Whether the user is in the council's own pool with the skill DoLS work needs (a best interests assessor)."""
    needed = constraints.WORK_SKILLS["dols"]
    profiles = AssessorProfile.objects.filter(
        council_id=council_id,
        is_active=True,
        membership__user=user,
        membership__organisation_id=council_id,
        membership__is_active=True,
    ).values_list("skills", flat=True)
    return any(needed <= set(skills or []) for skills in profiles)


def profile_for(acting: Membership, membership_id: int, today: datetime.date) -> AssessorProfile:
    """The acting council's profile of someone who may be in its pool, unsaved until first saved; 404 otherwise."""
    council = acting.organisation
    membership = eligible_memberships(council, today).filter(pk=membership_id).first()
    if membership is None:
        raise Http404("Not in this council's pool")
    found = AssessorProfile.objects.filter(council=council, membership=membership).first()
    return found or AssessorProfile(council=council, membership=membership)


def absences_of(profile: AssessorProfile) -> QuerySet[Absence] | list[Absence]:
    if profile.pk is None:
        return []
    return Absence.objects.filter(council_id=profile.council_id, profile=profile).order_by("-starts_on")


@dataclass(frozen=True)
class EntryAllocations:
    current: Allocation | None
    history: QuerySet[Allocation]
    conflicts: QuerySet[ConflictOfInterest]


def entry_allocations(entry: WaitingListEntry) -> EntryAllocations:
    """Who has the entry now, who had it before, and who must not have it: the entry is already the acting
    membership's to change (`waiting.selectors.entry_for`), so these read within its council."""
    allocations = Allocation.objects.filter(council_id=entry.council_id, entry=entry)
    return EntryAllocations(
        current=allocations.filter(ended_at__isnull=True).select_related("assessor").first(),
        history=allocations.select_related("assessor", "allocated_by").order_by("-pk"),
        conflicts=ConflictOfInterest.objects.filter(
            council_id=entry.council_id, person_id=entry.person_id
        ).select_related("assessor"),
    )


def pool_users(council: Organisation) -> QuerySet[User]:
    return User.objects.filter(pk__in=pool(council).values("membership__user_id")).order_by("full_name")


def councils_served(membership: Membership) -> list[Organisation]:
    """The councils whose caseloads the acting membership's team page shows: a provider's, every council it works
    for; a council's, its own."""
    if membership.organisation.kind == OrganisationKind.PROVIDER:
        return list(Organisation.objects.filter(pk__in=membership.council_ids()))
    return [membership.organisation]
