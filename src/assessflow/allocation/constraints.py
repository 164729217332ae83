"""The hard rules of allocation and the terms of its objective: pure functions on plain values, no database.

A case may go to an assessor only if every hard rule holds: the qualification the work
needs (an unqualified worker only on a proportionate review, with a named qualified
supervisor), the skills it needs, the area it is in, the provider contract's scope, no
conflict of interest, and capacity left. The objective then weighs priority and days
waiting, travel, continuity and cost with the council's weights.
"""

import math
from dataclasses import dataclass, field

from assessflow.tenancy.roles import Qualification

Q = Qualification
QUALIFIED = frozenset({Q.SOCIAL_WORKER, Q.OCCUPATIONAL_THERAPIST, Q.TRUSTED_ASSESSOR, Q.CONTRACTED_ASSESSOR})
REVIEWS = frozenset({"six_week_review", "annual_review"})

# Which qualifications may do each kind of work. Unqualified workers do proportionate reviews only,
# and only with a named qualified supervisor who signs them off.
ALLOWED: dict[str, frozenset[str]] = {
    "needs_assessment": frozenset(
        {Q.SOCIAL_WORKER, Q.OCCUPATIONAL_THERAPIST, Q.TRUSTED_ASSESSOR, Q.CONTRACTED_ASSESSOR}
    ),
    "carers_assessment": frozenset({Q.SOCIAL_WORKER, Q.TRUSTED_ASSESSOR, Q.CONTRACTED_ASSESSOR}),
    "financial_assessment": frozenset({Q.SOCIAL_WORKER, Q.TRUSTED_ASSESSOR, Q.UNQUALIFIED}),
    "six_week_review": QUALIFIED | {Q.UNQUALIFIED},
    "annual_review": QUALIFIED | {Q.UNQUALIFIED},
    "reassessment": frozenset({Q.SOCIAL_WORKER, Q.OCCUPATIONAL_THERAPIST, Q.CONTRACTED_ASSESSOR}),
    "dols": frozenset({Q.SOCIAL_WORKER, Q.OCCUPATIONAL_THERAPIST}),
    "occupational_therapy": frozenset({Q.OCCUPATIONAL_THERAPIST, Q.TRUSTED_ASSESSOR}),
}
# Work only the council's own staff may do: DoLS assessments are the supervisory body's (Schedule A1), and
# charging decisions are never delegated (Care Act s.79; docs/law-and-rules.md), so neither goes to a provider's
# assessor.
COUNCIL_ONLY = frozenset({"dols", "financial_assessment"})
# Skills some work always needs, whoever the person is.
WORK_SKILLS: dict[str, frozenset[str]] = {
    "dols": frozenset({"bia"}),
    "occupational_therapy": frozenset({"ot_equipment"}),
}
SKILLS = {
    "learning_disability": "Learning disability",
    "mental_health": "Mental health",
    "older_people": "Older people",
    "physical_disability": "Physical disability",
    "autism": "Autism",
    "ot_equipment": "OT equipment and adaptations",
    "bia": "DoLS best interests assessor",
}
# A person's primary support reason that needs a specialist (the CLD's wording starts with these).
SUPPORT_REASON_SKILLS = (("Learning disability", "learning_disability"), ("Mental health", "mental_health"))


def skills_needed(work_type: str, primary_support_reason: str) -> frozenset[str]:
    needed = set(WORK_SKILLS.get(work_type, ()))
    for prefix, skill in SUPPORT_REASON_SKILLS:
        if primary_support_reason.startswith(prefix):
            needed.add(skill)
    return frozenset(needed)


@dataclass(frozen=True)
class Case:
    id: int
    work_type: str
    priority: str
    days_waiting: int
    area: str
    skills_needed: frozenset[str] = frozenset()
    handed_contract: int | None = None  # the provider contract the case was handed to, if any
    known_assessors: frozenset[int] = frozenset()  # continuity: assessors who worked with the person
    conflicts: frozenset[int] = frozenset()  # assessors with a conflict of interest


@dataclass(frozen=True)
class Assessor:
    id: int
    qualification: str
    capacity: int  # slots free in the period
    areas: frozenset[str]
    base_area: str = ""
    skills: frozenset[str] = frozenset()
    contract: int | None = None  # None: the council's own staff
    contract_work_types: frozenset[str] | None = None  # None: every kind of work
    fees: dict[str, int] = field(default_factory=dict, hash=False)  # pence per completed item, by work type
    supervised: bool = False  # an unqualified worker with a named qualified supervisor


@dataclass(frozen=True)
class Weights:
    red: int = 10_000
    amber: int = 4_000
    green: int = 1_000
    per_day_waiting: int = 10
    per_travel_minute: int = 20
    continuity: int = 600
    per_pound: int = 2
    in_house_pence: int = 21_500  # what an in-house assessment slot costs the council
    travel_default_minutes: int = 30  # between different areas with no time in the matrix
    spread_tolerance_pct: int = 20
    over_share_penalty: int = 300  # points lost for each case an assessor takes beyond their fair share

    def priority(self, priority: str) -> int:
        return {"red": self.red, "amber": self.amber, "green": self.green}.get(priority, 0)


# The rules in the order a blocked case is explained: the first one no assessor passes is named.
RULES = ("qualification", "skills", "area", "contract", "conflict")
RULE_MESSAGES = {
    "qualification": "No assessor holds a qualification this work needs",
    "skills": "No qualified assessor has the skills it needs",
    "area": "No qualified assessor with those skills covers the area",
    "contract": "It is outside the contract of the assessors who could take it",
    "conflict": "Every assessor who could take it has a conflict of interest",
    "capacity": "Every assessor who could take it is at capacity for the period",
    "weights": "Travel and cost outweigh its priority and wait at the council's weights",
}


def broken_rule(case: Case, assessor: Assessor, *, by_hand: bool = False) -> str | None:
    """The first hard rule this pairing breaks, or None if the assessor may take the case (capacity aside).

    By hand, a manager may send an assessor outside their areas: only suggestions keep to them."""
    if assessor.qualification not in ALLOWED.get(case.work_type, frozenset()):
        return "qualification"
    if assessor.qualification == Q.UNQUALIFIED and case.work_type in REVIEWS and not assessor.supervised:
        return "qualification"
    if not case.skills_needed <= assessor.skills:
        return "skills"
    if not by_hand and case.area not in assessor.areas:
        return "area"
    # A case handed to a provider goes to its assessors, except work only the council's own staff may do.
    if (
        case.handed_contract is not None
        and case.work_type not in COUNCIL_ONLY
        and assessor.contract != case.handed_contract
    ):
        return "contract"
    if assessor.contract is not None and case.work_type in COUNCIL_ONLY:
        return "contract"
    if assessor.contract is not None and (
        assessor.contract_work_types is not None and case.work_type not in assessor.contract_work_types
    ):
        return "contract"
    if assessor.id in case.conflicts:
        return "conflict"
    return None


def travel_minutes(assessor: Assessor, case: Case, weights: Weights, matrix: dict[tuple[str, str], int]) -> int:
    if not assessor.base_area or assessor.base_area == case.area:
        return 0
    return matrix.get((assessor.base_area, case.area), weights.travel_default_minutes)


def cost_pence(assessor: Assessor, case: Case, weights: Weights) -> int:
    if assessor.contract is None:
        return weights.in_house_pence
    return assessor.fees.get(case.work_type, weights.in_house_pence)


@dataclass(frozen=True)
class Terms:
    """The parts of a suggestion's score, shown to the manager as its reasons."""

    priority: int
    waiting: int
    continuity: int
    travel: int
    cost: int

    @property
    def total(self) -> int:
        return self.priority + self.waiting + self.continuity - self.travel - self.cost


def terms(case: Case, assessor: Assessor, weights: Weights, matrix: dict[tuple[str, str], int]) -> Terms:
    return Terms(
        priority=weights.priority(case.priority),
        waiting=weights.per_day_waiting * case.days_waiting,
        continuity=weights.continuity if assessor.id in case.known_assessors else 0,
        travel=weights.per_travel_minute * travel_minutes(assessor, case, weights, matrix),
        cost=weights.per_pound * cost_pence(assessor, case, weights) // 100,
    )


def spread_caps(assessors: list[Assessor], demand: int, tolerance_pct: int) -> dict[int, int]:
    """Each assessor's fair share for this run: their capacity, or less when there is less work than capacity.
    Work beyond the share costs the council's over-share penalty a case, so it spreads within the tolerance
    unless only that assessor can take it; capacity itself is never exceeded."""
    total = sum(a.capacity for a in assessors)
    if total == 0:
        return {a.id: 0 for a in assessors}
    share = min(1.0, demand / total * (1 + tolerance_pct / 100))
    return {a.id: min(a.capacity, math.ceil(a.capacity * share)) for a in assessors}
