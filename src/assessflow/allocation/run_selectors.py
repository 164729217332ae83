"""Reads for one suggestion run: its rows grouped by assessor, and what accepting all of them would do."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from assessflow.people.models import Handover
from assessflow.tenancy.models import Contract, Membership, Organisation, User
from assessflow.waiting.models import WaitingListEntry

from . import selectors
from .constraints import RULE_MESSAGES
from .models import Allocation, AllocationRun, AllocationSettings, Area, AssessorProfile, ContractScope, TravelTime

# Rows listed on the page, in whole assessor groups; accepting all takes every suggestion, listed or not.
SHOWN = 300


@dataclass
class Group:
    """One assessor's suggestions, in score order."""

    assessor: User
    organisation: Organisation | None
    rows: list[dict] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return sum(1 for row in self.rows if row["accepted"])

    @property
    def current(self) -> int:
        return sum(1 for row in self.rows if row["current"])


@dataclass(frozen=True)
class Listing:
    groups: list[Group]
    hidden_rows: int
    hidden_assessors: int
    stuck: list[dict]
    stuck_reasons: list[tuple[str, int]]


def _people(council: Organisation, user_ids) -> dict[int, tuple[User, Organisation | None]]:
    """Each assessor with the organisation they work for in this council's pool (the council or a provider)."""
    found: dict[int, tuple[User, Organisation | None]] = {
        p.membership.user_id: (p.membership.user, p.membership.organisation)
        for p in AssessorProfile.objects.filter(council=council, membership__user_id__in=user_ids).select_related(
            "membership__user", "membership__organisation"
        )
    }
    missing = set(user_ids) - set(found)
    found.update({u.pk: (u, None) for u in User.objects.filter(pk__in=missing)})
    return found


def _cut(by_assessor: dict[int, list[dict]], order: list[int], limit: int) -> list[int]:
    """Whole groups, in order, while they fit in the limit (always the first, however long)."""
    kept: list[int] = []
    total = 0
    for assessor_id in order:
        size = len(by_assessor[assessor_id])
        if kept and total + size > limit:
            break
        kept.append(assessor_id)
        total += size
    return kept


def listing(run: AllocationRun, limit: int | None = None) -> Listing:
    limit = limit or SHOWN
    by_assessor: dict[int, list[dict]] = defaultdict(list)
    for suggestion in run.suggestions:
        by_assessor[suggestion["assessor"]].append(suggestion)
    people = _people(run.council, list(by_assessor))
    order = sorted(by_assessor, key=lambda a: (people[a][0].full_name if a in people else "", a))
    kept = _cut(by_assessor, [a for a in order if a in people], limit)
    shown = [s for a in kept for s in by_assessor[a]]
    blocked = run.blocked[:limit]
    ids = [s["entry"] for s in shown] + [b["entry"] for b in blocked]
    entries = {e.pk: e for e in WaitingListEntry.objects.filter(pk__in=ids).select_related("person")}
    made = dict(Allocation.objects.filter(run=run, entry_id__in=ids).values_list("entry_id", "ended_at"))
    groups = []
    for assessor_id in kept:
        user, organisation = people[assessor_id]
        rows = [
            {
                **s,
                "entry": entries[s["entry"]],
                "pounds": s["pence"] / 100,
                "accepted": s["entry"] in made,
                "current": s["entry"] in made and made[s["entry"]] is None,
            }
            for s in by_assessor[assessor_id]
            if s["entry"] in entries
        ]
        groups.append(Group(assessor=user, organisation=organisation, rows=rows))
    stuck = [{"entry": entries[b["entry"]], "why": RULE_MESSAGES[b["rule"]]} for b in blocked if b["entry"] in entries]
    reasons = Counter(RULE_MESSAGES[b["rule"]] for b in run.blocked)
    return Listing(
        groups=groups,
        hidden_rows=len(run.suggestions) - len(shown),
        hidden_assessors=len(by_assessor) - len(kept),
        stuck=stuck,
        stuck_reasons=reasons.most_common(),
    )


@dataclass(frozen=True)
class Share:
    """What accepting all gives one assessor, and the room they have now."""

    assessor: User
    organisation: Organisation | None
    cases: int
    room: int

    @property
    def over(self) -> bool:
        return self.cases > self.room


@dataclass(frozen=True)
class Handing:
    """The cases accepting all hands to one provider's contract; some may be handed to it already."""

    contract: Contract
    cases: int
    already: int

    @property
    def new(self) -> int:
        return self.cases - self.already


@dataclass(frozen=True)
class Summary:
    cases: int
    shares: list[Share]
    handings: list[Handing]

    @property
    def over(self) -> list[Share]:
        return [s for s in self.shares if s.over]


def _handings(run: AllocationRun, contract_of: dict[int, int | None]) -> list[Handing]:
    to_contract: dict[int, int] = {
        s["entry"]: contract for s in run.suggestions if (contract := contract_of.get(s["assessor"])) is not None
    }
    person_of = dict(WaitingListEntry.objects.filter(pk__in=list(to_contract)).values_list("pk", "person_id"))
    handed = set(
        Handover.objects.filter(
            council=run.council,
            ended_at__isnull=True,
            contract_id__in=set(to_contract.values()),
            person_id__in=set(person_of.values()),
        ).values_list("person_id", "contract_id")
    )
    cases, already = Counter(to_contract.values()), Counter[int]()
    for entry_id, contract_id in to_contract.items():
        if (person_of.get(entry_id), contract_id) in handed:
            already[contract_id] += 1
    contracts = Contract.objects.filter(pk__in=list(cases)).select_related("provider").order_by("provider__name", "pk")
    return [Handing(contract=c, cases=cases[c.pk], already=already[c.pk]) for c in contracts]


def acceptance_summary(run: AllocationRun, today: datetime.date) -> Summary:
    """How many cases, to whom (with the room each has now), and which providers' contracts get which cases."""
    assessors, _ = selectors.assessors_for(run.council, today)
    pool = {a.id: a for a in assessors}
    counts = Counter(s["assessor"] for s in run.suggestions)
    people = _people(run.council, list(counts))
    shares = sorted(
        (
            Share(
                assessor=people[a][0],
                organisation=people[a][1],
                cases=n,
                room=pool[a].capacity if a in pool else 0,
            )
            for a, n in counts.items()
            if a in people
        ),
        key=lambda s: (s.assessor.full_name, s.assessor.pk),
    )
    handings = _handings(run, {a: pool[a].contract if a in pool else None for a in counts})
    return Summary(cases=len(run.suggestions), shares=shares, handings=handings)


def recent_runs(membership: Membership, limit: int = 10) -> QuerySet[AllocationRun]:
    council = membership.organisation
    return AllocationRun.objects.filter(council=council).select_related("requested_by", "team")[:limit]


def run_for(membership: Membership, run_id: int) -> AllocationRun:
    """One of the acting council's runs; any other answers 404."""
    run = AllocationRun.objects.filter(pk=run_id, council=membership.organisation).first()
    if run is None:
        raise Http404("Not found")
    return run


def not_undone(run: AllocationRun) -> list[dict]:
    """The allocations an undo left in place, each with its entry and why."""
    if not run.not_undone:
        return []
    ids = [kept["entry"] for kept in run.not_undone]
    entries = {
        e.pk: e for e in WaitingListEntry.objects.filter(council_id=run.council_id, pk__in=ids).select_related("person")
    }
    return [{"entry": entries[k["entry"]], "why": k["why"]} for k in run.not_undone if k["entry"] in entries]


@dataclass(frozen=True)
class SettingsPage:
    weights: AllocationSettings
    contracts: QuerySet[Contract]
    areas: QuerySet[Area]
    travel: QuerySet[TravelTime]
    scopes: QuerySet[ContractScope]


def settings_page(membership: Membership, today: datetime.date) -> SettingsPage:
    """The acting council's weights, areas, travel times and which work each live contract takes."""
    council = membership.organisation
    live = [c.pk for c in selectors.live_contracts(council, today).values()]
    return SettingsPage(
        weights=selectors.settings_for(council),
        contracts=Contract.objects.filter(council=council, pk__in=live),
        areas=Area.objects.filter(council=council),
        travel=TravelTime.objects.filter(council=council).select_related("from_area", "to_area"),
        scopes=ContractScope.objects.filter(council=council).select_related("contract__provider"),
    )
