"""Seeded random instances that look like a council's waiting list and workforce: for the benchmark and the tests."""

import random

from assessflow.tenancy.roles import Qualification as Q

from .constraints import ALLOWED, REVIEWS, Assessor, Case, skills_needed

WORK_MIX = (
    ("annual_review", 45),
    ("six_week_review", 10),
    ("needs_assessment", 20),
    ("carers_assessment", 5),
    ("financial_assessment", 5),
    ("reassessment", 5),
    ("dols", 5),
    ("occupational_therapy", 5),
)
QUALIFICATION_MIX = (
    (Q.SOCIAL_WORKER, 45),
    (Q.OCCUPATIONAL_THERAPIST, 10),
    (Q.UNQUALIFIED, 15),
    (Q.TRUSTED_ASSESSOR, 10),
    (Q.CONTRACTED_ASSESSOR, 20),
)
SPECIALISMS = ("learning_disability", "mental_health", "older_people", "physical_disability", "autism")
SUPPORT_REASONS = (
    ("Physical support: Personal care support", 60),
    ("Learning disability support", 12),
    ("Mental health support", 10),
    ("Support with memory and cognition", 18),
)


def _pick(rng: random.Random, mix):
    return rng.choices([v for v, _ in mix], weights=[w for _, w in mix])[0]


def _grid(side: int) -> tuple[list[str], dict[tuple[str, str], int]]:
    areas = [f"DB{n + 1}" for n in range(side * side)]
    matrix = {}
    for i, a in enumerate(areas):
        for j, b in enumerate(areas):
            if i != j:
                matrix[(a, b)] = 8 * (abs(i // side - j // side) + abs(i % side - j % side))
    return areas, matrix


def instance(
    *, cases: int, assessors: int, seed: int = 2026, side: int = 8, capacity_share: float = 0.6
) -> tuple[list[Case], list[Assessor], dict[tuple[str, str], int]]:
    """`capacity_share` of the demand can be met: capacities sum to less than the list, as in a backlog."""
    rng = random.Random(seed)  # noqa: S311  (a repeatable instance, not a secret)
    areas, matrix = _grid(side)
    contracts = {1: {"annual_review", "six_week_review", "needs_assessment", "reassessment"}, 2: None}
    fees = {c: {w: rng.randint(250, 480) * 100 for w, _ in WORK_MIX} for c in contracts}
    team = []
    slots = max(1, round(cases * capacity_share / assessors))
    for i in range(assessors):
        qualification = _pick(rng, QUALIFICATION_MIX)
        base = rng.randrange(len(areas))
        row, col = divmod(base, side)
        near = [
            areas[r * side + c]
            for r in range(max(0, row - 1), min(side, row + 2))
            for c in range(max(0, col - 1), min(side, col + 2))
        ]
        skills = set(rng.sample(SPECIALISMS, rng.randint(1, 3)))
        if qualification in (Q.SOCIAL_WORKER, Q.OCCUPATIONAL_THERAPIST) and rng.random() < 0.25:
            skills.add("bia")
        if qualification in (Q.OCCUPATIONAL_THERAPIST, Q.TRUSTED_ASSESSOR):
            skills.add("ot_equipment")
        contract = rng.choice(list(contracts)) if qualification == Q.CONTRACTED_ASSESSOR else None
        team.append(
            Assessor(
                id=i + 1,
                qualification=qualification,
                capacity=max(1, round(rng.gauss(slots, slots / 4))),
                areas=frozenset(rng.sample(near, min(len(near), rng.randint(3, 6)))),
                base_area=areas[base],
                skills=frozenset(skills),
                contract=contract,
                contract_work_types=frozenset(contracts[contract]) if contract and contracts[contract] else None,
                fees=fees[contract] if contract else {},
                supervised=qualification == Q.UNQUALIFIED and rng.random() < 0.8,
            )
        )
    listed = []
    for i in range(cases):
        work_type = _pick(rng, WORK_MIX)
        area = rng.choice(areas)
        local = [a for a in team if area in a.areas and a.qualification in ALLOWED[work_type]]
        listed.append(
            Case(
                id=i + 1,
                work_type=work_type,
                priority=_pick(rng, (("red", 15), ("amber", 35), ("green", 50))),
                days_waiting=int(rng.expovariate(1 / 90)),
                area=area,
                skills_needed=skills_needed(work_type, _pick(rng, SUPPORT_REASONS)),
                handed_contract=rng.choice([1, 2]) if work_type in REVIEWS and rng.random() < 0.1 else None,
                known_assessors=frozenset({rng.choice(local).id}) if local and rng.random() < 0.05 else frozenset(),
                conflicts=frozenset({rng.choice(local).id}) if local and rng.random() < 0.01 else frozenset(),
            )
        )
    return listed, team, matrix
