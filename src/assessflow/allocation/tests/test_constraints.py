"""The hard rules of allocation and the terms of its score, one pairing of a case and an assessor at a time."""

import pytest

from assessflow.allocation.constraints import (
    Assessor,
    Case,
    Weights,
    broken_rule,
    cost_pence,
    skills_needed,
    spread_caps,
    terms,
    travel_minutes,
)
from assessflow.tenancy.roles import Qualification

Q = Qualification


def case(**changes) -> Case:
    return Case(
        **{"id": 1, "work_type": "annual_review", "priority": "amber", "days_waiting": 0, "area": "DB1"} | changes
    )


def assessor(**changes) -> Assessor:
    fields = {"id": 7, "qualification": Q.SOCIAL_WORKER, "capacity": 3, "areas": frozenset({"DB1"})}
    return Assessor(**fields | changes)


@pytest.mark.parametrize("work_type", ["six_week_review", "annual_review"])
def test_a_review_goes_to_a_qualified_worker_or_a_supervised_unqualified_one(work_type):
    review = case(work_type=work_type)
    assert broken_rule(review, assessor()) is None
    assert broken_rule(review, assessor(qualification=Q.UNQUALIFIED, supervised=True)) is None
    assert broken_rule(review, assessor(qualification=Q.UNQUALIFIED)) == "qualification"


def test_work_of_no_known_kind_goes_to_no_one():
    assert broken_rule(case(work_type="gardening"), assessor()) == "qualification"


@pytest.mark.parametrize(
    ("work_type", "reason", "needed"),
    [
        ("annual_review", "Physical support: access and mobility only", set()),
        ("annual_review", "Learning disability support", {"learning_disability"}),
        ("needs_assessment", "Mental health support", {"mental_health"}),
        ("dols", "Support with memory and cognition", {"bia"}),
        ("occupational_therapy", "Learning disability support", {"ot_equipment", "learning_disability"}),
        ("annual_review", "Support for a learning disability", set()),  # the CLD's wording starts with the need
    ],
)
def test_the_skills_work_needs_come_from_its_kind_and_the_primary_support_reason(work_type, reason, needed):
    assert skills_needed(work_type, reason) == needed


def test_a_case_needing_a_skill_goes_only_to_an_assessor_who_has_it():
    specialist = case(skills_needed=frozenset({"learning_disability"}))
    assert broken_rule(specialist, assessor()) == "skills"
    assert broken_rule(specialist, assessor(skills=frozenset({"learning_disability", "autism"}))) is None


def test_only_a_manager_by_hand_sends_an_assessor_outside_their_areas():
    elsewhere = case(area="DB9")
    assert broken_rule(elsewhere, assessor()) == "area"
    assert broken_rule(elsewhere, assessor(), by_hand=True) is None


def test_a_handed_case_goes_to_its_contracts_assessors_and_council_only_work_to_the_councils():
    handed = case(handed_contract=3)
    assert broken_rule(handed, assessor(contract=3)) is None
    assert broken_rule(handed, assessor(contract=4)) == "contract"
    assert broken_rule(handed, assessor()) == "contract"
    financial = case(work_type="financial_assessment", handed_contract=3)
    assert broken_rule(financial, assessor()) is None
    assert broken_rule(financial, assessor(contract=3)) == "contract"
    assert broken_rule(case(), assessor(contract=3)) is None, "a case not handed to anyone"


def test_a_contracts_scope_names_the_work_its_assessors_take():
    scoped = assessor(contract=3, contract_work_types=frozenset({"needs_assessment"}))
    assert broken_rule(case(work_type="needs_assessment"), scoped) is None
    assert broken_rule(case(work_type="annual_review"), scoped) == "contract"
    # The council's own staff have no contract, whatever a scope says.
    assert broken_rule(case(), assessor(contract_work_types=frozenset({"needs_assessment"}))) is None


def test_a_conflict_of_interest_blocks_only_that_assessor():
    conflicted = case(conflicts=frozenset({7}))
    assert broken_rule(conflicted, assessor()) == "conflict"
    assert broken_rule(conflicted, assessor(id=8)) is None


def test_travel_is_nothing_from_the_same_or_no_base_area_otherwise_the_matrix_or_the_default():
    weights, matrix = Weights(travel_default_minutes=30), {("DB2", "DB1"): 12}
    assert travel_minutes(assessor(), case(), weights, matrix) == 0
    assert travel_minutes(assessor(base_area="DB1"), case(), weights, matrix) == 0
    assert travel_minutes(assessor(base_area="DB2"), case(), weights, matrix) == 12
    assert travel_minutes(assessor(base_area="DB3"), case(), weights, matrix) == 30


def test_an_in_house_slot_costs_the_councils_figure_and_a_providers_its_fee():
    weights = Weights(in_house_pence=21_500)
    assert cost_pence(assessor(fees={"annual_review": 9_000}), case(), weights) == 21_500
    assert cost_pence(assessor(contract=3, fees={"annual_review": 9_000}), case(), weights) == 9_000
    assert cost_pence(assessor(contract=3), case(), weights) == 21_500, "no fee agreed for that work"


def test_the_score_weighs_priority_waiting_and_continuity_against_travel_and_cost():
    weights = Weights(amber=4_000, per_day_waiting=10, continuity=600, per_travel_minute=20, per_pound=2)
    known = case(days_waiting=30, known_assessors=frozenset({7}))
    by = assessor(base_area="DB2", contract=3, fees={"annual_review": 30_050})

    scored = terms(known, by, weights, {("DB2", "DB1"): 15})

    assert (scored.priority, scored.waiting, scored.continuity, scored.travel, scored.cost) == (
        4_000,
        300,
        600,
        300,
        601,
    )
    assert scored.total == 4_000 + 300 + 600 - 300 - 601
    assert terms(case(), assessor(id=8), weights, {}).continuity == 0


def test_each_priority_has_its_weight_and_an_unknown_one_none():
    weights = Weights(red=9, amber=5, green=2)
    assert [weights.priority(p) for p in ("red", "amber", "green", "")] == [9, 5, 2, 0]


def test_with_no_capacity_no_one_has_a_share():
    assert spread_caps([assessor(capacity=0), assessor(id=8, capacity=0)], 5, 20) == {7: 0, 8: 0}


def test_a_share_is_the_work_spread_over_capacity_with_the_tolerance_and_never_above_capacity():
    team = [assessor(capacity=10), assessor(id=8, capacity=5)]
    assert spread_caps(team, 5, 20) == {7: 4, 8: 2}  # 5 of 15 slots, plus 20%: 0.4 of each capacity, rounded up
    assert spread_caps(team, 100, 20) == {7: 10, 8: 5}


def test_a_tolerance_of_a_hundred_per_cent_doubles_each_share():
    # 301 cases for 1,000 slots, doubled: 60.2% of each capacity, rounded up.
    assert spread_caps([assessor(capacity=100), assessor(id=8, capacity=900)], 301, 100) == {7: 61, 8: 542}
