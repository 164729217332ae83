"""Reads of waiting lists: filtered, counted exactly, and paged by key so deep pages stay fast."""

import datetime
from dataclasses import dataclass, replace

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.http import Http404

from assessflow.people.restricted_work import hide_restricted_work_for, sees_restricted_work
from assessflow.people.selectors import on_person_for
from assessflow.tenancy.models import Contract, Membership

from .models import (
    RESTRICTED_WORK,
    BacklogImport,
    BacklogMapping,
    ContactInterval,
    Timescale,
    WaitingListEntry,
    WaitingTally,
)

PAGE_SIZE = 50


@dataclass(frozen=True)
class ListFilters:
    work_type: str = ""
    priority: str = ""
    team_id: int | None = None
    overdue_only: bool = False
    sort: str = "oldest"  # or "due"


@dataclass(frozen=True)
class ListPage:
    entries: list[WaitingListEntry]
    next_cursor: str | None
    total: int
    overdue: int
    oldest_added_at: datetime.datetime | None
    by_priority: dict[str, int]
    by_work_type: dict[str, int]


def _waiting(membership: Membership) -> QuerySet[WaitingListEntry]:
    """People waiting in the membership's council (waiting lists are council work, not a provider's)."""
    council = membership.council
    if council is None:
        return WaitingListEntry.objects.none()
    entries = WaitingListEntry.objects.filter(council=council, status=WaitingListEntry.Status.WAITING)
    return hide_restricted_work_for(membership, entries)


def _chosen(rows: QuerySet, filters: ListFilters) -> QuerySet:
    """Entries or tallies narrowed to the chosen work type, priority and team (they share those columns)."""
    if filters.work_type:
        rows = rows.filter(work_type=filters.work_type)
    if filters.priority:
        rows = rows.filter(priority=filters.priority)
    if filters.team_id:
        rows = rows.filter(team_id=filters.team_id)
    return rows


def _filtered(entries: QuerySet, filters: ListFilters, today: datetime.date) -> QuerySet:
    entries = _chosen(entries, filters)
    return entries.filter(due_on__lt=today) if filters.overdue_only else entries


def waiting_list(
    membership: Membership, filters: ListFilters, *, today: datetime.date, cursor: str = "", size: int = PAGE_SIZE
) -> ListPage:
    everyone = _waiting(membership)
    matching = _filtered(everyone, filters, today)
    if filters.overdue_only:
        # "Overdue" moves with the calendar, so it is counted from the index on due dates.
        summary = matching.aggregate(total=Count("pk"), oldest=Min("added_at"))
        total = overdue = summary["total"]
        by_priority = dict(
            _filtered(everyone, replace(filters, priority=""), today).values_list("priority").annotate(n=Count("pk"))
        )
        by_work_type = dict(
            _filtered(everyone, replace(filters, work_type=""), today).values_list("work_type").annotate(n=Count("pk"))
        )
    else:
        # Exact counts from the maintained tallies (a few thousand rows however long the list).
        tallies = _tallies(membership)
        sums = _chosen(tallies, filters).aggregate(
            total=Sum("waiting"), overdue=Sum("waiting", filter=Q(due_on__lt=today))
        )
        total, overdue = sums["total"] or 0, sums["overdue"] or 0
        by_priority = _sum_by(tallies, "priority", replace(filters, priority=""))
        by_work_type = _sum_by(tallies, "work_type", replace(filters, work_type=""))
        summary = {"oldest": matching.order_by("added_at", "pk").values_list("added_at", flat=True).first()}
    key = "due_on" if filters.sort == "due" else "added_at"
    page = matching.select_related("person", "team").order_by(key, "pk")
    if cursor:
        value, _, last_id = cursor.rpartition("_")
        try:
            parsed = datetime.date.fromisoformat(value) if key == "due_on" else datetime.datetime.fromisoformat(value)
            page = page.filter(Q(**{f"{key}__gt": parsed}) | Q(**{key: parsed, "pk__gt": int(last_id)}))
        except ValueError:
            pass
    rows = list(page[: size + 1])
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = f"{getattr(last, key).isoformat()}_{last.pk}"
    return ListPage(rows, next_cursor, total, overdue, summary["oldest"], by_priority, by_work_type)


def _tallies(membership: Membership) -> QuerySet[WaitingTally]:
    council = membership.council
    tallies = WaitingTally.objects.filter(council=council) if council else WaitingTally.objects.none()
    # Counting DoLS work would tell of it: its counts are for the council's own staff, like its entries.
    return tallies if sees_restricted_work(membership) else tallies.exclude(work_type__in=RESTRICTED_WORK)


@dataclass(frozen=True)
class WaitingSummary:
    total: int
    overdue: int
    # (work type, priority) -> (waiting, overdue), from the maintained tallies: a few thousand rows at most.
    by_work_and_priority: dict[tuple[str, str], tuple[int, int]]


def waiting_summary(membership: Membership, *, today: datetime.date) -> WaitingSummary:
    """Everyone waiting (none of them allocated yet), counted by work type and priority, in one query."""
    rows = (
        _tallies(membership)
        .values_list("work_type", "priority")
        .annotate(n=Sum("waiting"), late=Sum("waiting", filter=Q(due_on__lt=today)))
        .order_by()
    )
    cells = {(work, priority): (n, late or 0) for work, priority, n, late in rows if n}
    return WaitingSummary(sum(n for n, _ in cells.values()), sum(late for _, late in cells.values()), cells)


def _sum_by(tallies: QuerySet[WaitingTally], dimension: str, filters: ListFilters) -> dict[str, int]:
    rows = _chosen(tallies, filters).values_list(dimension).annotate(n=Sum("waiting")).order_by()
    return {key: n for key, n in rows if n}


def entry_for(membership: Membership, entry_id: int, session=None, *, to_change: bool = False) -> WaitingListEntry:
    queryset = WaitingListEntry.objects.select_related("referral", "team")
    return on_person_for(queryset, membership, entry_id, session, to_change=to_change)


def entries_for_export(
    membership: Membership, filters: ListFilters, *, today: datetime.date
) -> QuerySet[WaitingListEntry]:
    """Every entry the filters match, in list order, for a spreadsheet."""
    key = "due_on" if filters.sort == "due" else "added_at"
    return _filtered(_waiting(membership), filters, today).select_related("person", "team").order_by(key, "pk")


def contacts_due(membership: Membership, *, until: datetime.date) -> QuerySet[WaitingListEntry]:
    """People waiting who are due a keep-in-touch contact by `until`, most overdue first."""
    return (
        _waiting(membership)
        .filter(next_contact_on__lte=until)
        .select_related("person", "team")
        .order_by("next_contact_on", "pk")
    )


@dataclass(frozen=True)
class WaitingSettings:
    timescales: dict[tuple[str, str], int]  # (work type, priority): working days
    intervals: dict[str, int]  # priority: days between keep-in-touch contacts


def waiting_settings(membership: Membership) -> WaitingSettings:
    """What the acting council has set; a work type or priority it has not set keeps the default."""
    council = membership.organisation
    return WaitingSettings(
        timescales={(t.work_type, t.priority): t.working_days for t in Timescale.objects.filter(council=council)},
        intervals={c.priority: c.days for c in ContactInterval.objects.filter(council=council)},
    )


def import_for(membership: Membership, import_id: int) -> BacklogImport:
    """One of the acting council's backlog imports; any other answers 404."""
    job = BacklogImport.objects.filter(council=membership.organisation, pk=import_id).select_related("contract").first()
    if job is None:
        raise Http404("Not found")
    return job


def recent_imports(membership: Membership, limit: int = 20) -> QuerySet[BacklogImport]:
    return BacklogImport.objects.filter(council=membership.organisation)[:limit]


def import_choices(membership: Membership) -> tuple[QuerySet[Contract], QuerySet[BacklogMapping]]:
    """The contracts an import may hand its cases to, and the matchings saved from earlier files."""
    council = membership.organisation
    return (
        Contract.objects.filter(council=council).select_related("provider"),
        BacklogMapping.objects.filter(council=council),
    )
