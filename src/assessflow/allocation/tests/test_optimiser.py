"""The optimiser on random instances: every hard rule and capacity holds, and it is exactly optimal."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessflow.allocation import optimiser
from assessflow.allocation.constraints import ALLOWED, Assessor, Case, Weights, spread_caps
from assessflow.tenancy.roles import Qualification

AREAS = ("DB1", "DB2", "DB3")
WORK = tuple(ALLOWED)
SKILLS = ("learning_disability", "mental_health", "bia", "ot_equipment")


@st.composite
def instances(draw):
    n_assessors = draw(st.integers(1, 6))
    assessors = [
        Assessor(
            id=i + 1,
            qualification=draw(st.sampled_from(list(Qualification.values))),
            capacity=draw(st.integers(0, 4)),
            areas=frozenset(draw(st.sets(st.sampled_from(AREAS), min_size=1))),
            base_area=draw(st.sampled_from(AREAS)),
            skills=frozenset(draw(st.sets(st.sampled_from(SKILLS)))),
            contract=draw(st.sampled_from([None, None, 7])),
            contract_work_types=draw(st.sampled_from([None, frozenset({"annual_review", "needs_assessment"})])),
            fees={"annual_review": 30_000, "needs_assessment": 42_000},
            supervised=draw(st.booleans()),
        )
        for i in range(n_assessors)
    ]
    ids = [a.id for a in assessors]
    cases = [
        Case(
            id=100 + i,
            work_type=draw(st.sampled_from(WORK)),
            priority=draw(st.sampled_from(["red", "amber", "green"])),
            days_waiting=draw(st.integers(0, 400)),
            area=draw(st.sampled_from(AREAS)),
            skills_needed=frozenset(draw(st.sets(st.sampled_from(SKILLS), max_size=1))),
            handed_contract=draw(st.sampled_from([None, None, None, 7])),
            known_assessors=frozenset(draw(st.sets(st.sampled_from(ids), max_size=1))),
            conflicts=frozenset(draw(st.sets(st.sampled_from(ids), max_size=1))),
        )
        for i in range(draw(st.integers(0, 14)))
    ]
    weights = Weights(spread_tolerance_pct=draw(st.integers(0, 50)), per_pound=draw(st.integers(0, 60)))
    matrix = {("DB1", "DB3"): draw(st.integers(0, 90))}
    return cases, assessors, weights, matrix


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_every_hard_rule_and_capacity_holds(instance):
    cases, assessors, weights, matrix = instance
    for solution in (
        optimiser.solve(cases, assessors, weights, matrix),
        optimiser.greedy(cases, assessors, weights, matrix),
    ):
        assert optimiser.violations(solution, cases, assessors, weights) == []
        assert set(solution.assignments) | set(solution.blocked) == {c.id for c in cases}
        assert not set(solution.assignments) & set(solution.blocked)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_flow_is_exactly_optimal_and_never_worse_than_greedy(instance):
    cases, assessors, weights, matrix = instance
    solution = optimiser.solve(cases, assessors, weights, matrix)
    assert solution.objective == optimiser.objective(solution, cases, assessors, weights, matrix)
    assert solution.objective == round(optimiser.exact(cases, assessors, weights, matrix))
    assert solution.objective <= optimiser.lp_bound(cases, assessors, weights, matrix) + 1e-6
    assert optimiser.greedy(cases, assessors, weights, matrix).objective <= solution.objective


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=1, max_size=8), st.integers(0, 60), st.integers(0, 100))
def test_work_spreads_within_the_tolerance_when_there_is_less_than_capacity(capacities, demand, tolerance):
    assessors = [
        Assessor(id=i, qualification="social_worker", capacity=c, areas=frozenset()) for i, c in enumerate(capacities)
    ]
    caps = spread_caps(assessors, demand, tolerance)
    total = sum(capacities)
    for a in assessors:
        assert caps[a.id] <= a.capacity
        if total and demand < total:
            # No one is asked for more than their share of the work, plus the tolerance (rounded up).
            assert caps[a.id] <= -(-a.capacity * demand * (100 + tolerance) // (total * 100)) + 1


def _sw(id, **kw):
    return Assessor(
        id=id, qualification=kw.pop("qualification", "social_worker"), capacity=5, areas=frozenset({"DB1"}), **kw
    )


def test_an_unqualified_worker_is_never_given_work_that_needs_a_qualification():
    assistant = _sw(1, qualification=Qualification.UNQUALIFIED, supervised=True)
    cases = [Case(id=10, work_type="needs_assessment", priority="red", days_waiting=90, area="DB1")]
    solution = optimiser.solve(cases, [assistant], Weights())
    assert solution.assignments == {}
    assert solution.blocked == {10: "qualification"}


def test_an_unqualified_worker_takes_a_review_only_with_a_named_supervisor():
    review = [Case(id=10, work_type="annual_review", priority="green", days_waiting=10, area="DB1")]
    alone = _sw(1, qualification=Qualification.UNQUALIFIED, supervised=False)
    supervised = _sw(2, qualification=Qualification.UNQUALIFIED, supervised=True)
    assert optimiser.solve(review, [alone], Weights()).assignments == {}
    assert optimiser.solve(review, [alone, supervised], Weights()).assignments == {10: 2}


def test_each_blocked_case_names_the_rule_that_blocks_it():
    team = [_sw(1, skills=frozenset({"learning_disability"})), _sw(2)]
    cases = [
        Case(id=1, work_type="dols", priority="red", days_waiting=1, area="DB1", skills_needed=frozenset({"bia"})),
        Case(id=2, work_type="annual_review", priority="red", days_waiting=1, area="DB9"),
        Case(id=3, work_type="annual_review", priority="red", days_waiting=1, area="DB1", conflicts=frozenset({1, 2})),
        Case(id=4, work_type="annual_review", priority="red", days_waiting=1, area="DB1", handed_contract=3),
    ]
    assert optimiser.solve(cases, team, Weights()).blocked == {1: "skills", 2: "area", 3: "conflict", 4: "contract"}


def test_red_before_green_when_capacity_is_short():
    one_slot = [Assessor(id=1, qualification="social_worker", capacity=1, areas=frozenset({"DB1"}))]
    cases = [
        Case(id=1, work_type="annual_review", priority="green", days_waiting=300, area="DB1"),
        Case(id=2, work_type="annual_review", priority="red", days_waiting=5, area="DB1"),
    ]
    solution = optimiser.solve(cases, one_slot, Weights())
    assert solution.assignments == {2: 1}
    assert solution.blocked == {1: "capacity"}


def test_work_beyond_a_fair_share_goes_to_the_only_assessor_who_can_take_it():
    only = Assessor(id=1, qualification="social_worker", capacity=10, areas=frozenset({"DB1"}))
    elsewhere = Assessor(id=2, qualification="social_worker", capacity=10, areas=frozenset({"DB9"}))
    cases = [Case(id=i, work_type="annual_review", priority="red", days_waiting=5, area="DB1") for i in range(10)]
    solution = optimiser.solve(cases, [only, elsewhere], Weights())
    assert len(solution.assignments) == 10 and solution.blocked == {}


def test_work_spreads_between_assessors_who_can_both_take_it():
    near = Assessor(id=1, qualification="social_worker", capacity=10, areas=frozenset({"DB1"}), base_area="DB1")
    far = Assessor(id=2, qualification="social_worker", capacity=10, areas=frozenset({"DB1"}), base_area="DB2")
    cases = [Case(id=i, work_type="annual_review", priority="amber", days_waiting=5, area="DB1") for i in range(10)]
    solution = optimiser.solve(cases, [near, far], Weights(travel_default_minutes=5))
    loads = sorted(list(solution.assignments.values()).count(a) for a in (1, 2))
    assert loads == [4, 6]  # fair share 6 each (10 cases, 20 slots, 20% tolerance): the nearer takes its share


def test_a_case_not_worth_its_travel_says_so_rather_than_blaming_capacity():
    far = Assessor(id=1, qualification="social_worker", capacity=5, areas=frozenset({"DB1"}), base_area="DB2")
    cases = [Case(id=1, work_type="annual_review", priority="green", days_waiting=0, area="DB1")]
    assert optimiser.solve(cases, [far], Weights(travel_default_minutes=90)).blocked == {1: "weights"}


def test_dols_work_never_goes_to_a_providers_assessor():
    contracted = Assessor(
        id=1, qualification="social_worker", capacity=5, areas=frozenset({"DB1"}), skills=frozenset({"bia"}), contract=3
    )
    case = Case(id=1, work_type="dols", priority="red", days_waiting=1, area="DB1", skills_needed=frozenset({"bia"}))
    assert optimiser.solve([case], [contracted], Weights()).blocked == {1: "contract"}


def test_an_unqualified_worker_may_take_a_financial_assessment_without_a_supervisor():
    assistant = _sw(1, qualification=Qualification.UNQUALIFIED, supervised=False)
    case = Case(id=1, work_type="financial_assessment", priority="amber", days_waiting=3, area="DB1")
    assert optimiser.solve([case], [assistant], Weights()).assignments == {1: 1}
