"""Where submitted work goes next: every branch of the pure routing rule."""

import pytest

from assessflow.assessments.models import Assessment, Check
from assessflow.assessments.route import Work, goes_to_panel, next_step, stages_needed

Stage = Check.Stage
Status = Assessment.Status


def work(*, kind="needs_assessment", qualification="social_worker", contracted=False, council_signs_off=False) -> Work:
    return Work(
        kind=kind, assessor_qualification=qualification, contracted=contracted, council_signs_off=council_signs_off
    )


def needed(item: Work, *, qa_kinds=(), qa_qualifications=()) -> list:
    return stages_needed(item, qa_kinds=list(qa_kinds), qa_qualifications=list(qa_qualifications))


def test_the_councils_own_work_goes_to_the_councils_qa_lead():
    assert needed(work()) == [Stage.COUNCIL_QA]


def test_contracted_work_goes_to_the_providers_own_qa_lead_and_not_the_councils():
    assert needed(work(qualification="contracted_assessor", contracted=True)) == [Stage.PROVIDER_QA]


def test_where_the_contract_says_so_the_council_signs_off_after_the_providers_qa():
    item = work(qualification="contracted_assessor", contracted=True, council_signs_off=True)
    assert needed(item) == [Stage.PROVIDER_QA, Stage.COUNCIL_SIGN_OFF]


def test_council_sign_off_holds_even_where_the_settings_ask_no_qa():
    item = work(qualification="contracted_assessor", contracted=True, council_signs_off=True)
    assert needed(item, qa_kinds=["reassessment"]) == [Stage.COUNCIL_SIGN_OFF]


def test_council_sign_off_is_a_contract_term_the_councils_own_work_has_none_of():
    assert needed(work(council_signs_off=True)) == [Stage.COUNCIL_QA]


@pytest.mark.parametrize(
    ("qa_kinds", "expected"),
    [
        (["needs_assessment"], [Stage.COUNCIL_QA]),
        (["needs_assessment", "carers_assessment"], [Stage.COUNCIL_QA]),
        (["carers_assessment"], []),
    ],
)
def test_qa_by_kind_of_assessment(qa_kinds, expected):
    assert needed(work(), qa_kinds=qa_kinds) == expected


@pytest.mark.parametrize(
    ("qualifications", "expected"),
    [
        (["social_worker"], [Stage.COUNCIL_QA]),
        (["occupational_therapist"], []),
        (["trusted_assessor", "social_worker"], [Stage.COUNCIL_QA]),
    ],
)
def test_qa_by_the_assessors_qualification(qualifications, expected):
    assert needed(work(), qa_qualifications=qualifications) == expected


def test_both_settings_must_hold_for_qa():
    item = work(kind="carers_assessment", qualification="trusted_assessor")
    assert needed(item, qa_kinds=["carers_assessment"], qa_qualifications=["trusted_assessor"]) == [Stage.COUNCIL_QA]
    assert needed(item, qa_kinds=["carers_assessment"], qa_qualifications=["social_worker"]) == []
    assert needed(item, qa_kinds=["needs_assessment"], qa_qualifications=["trusted_assessor"]) == []


def test_a_contracted_assessor_outside_the_qa_settings_needs_no_provider_qa():
    item = work(qualification="contracted_assessor", contracted=True)
    assert needed(item, qa_qualifications=["unqualified"]) == []


def test_an_unqualified_workers_work_is_signed_off_by_a_qualified_worker_whatever_the_settings():
    item = work(qualification="unqualified")
    assert needed(item) == [Stage.COUNCIL_QA, Stage.QUALIFIED_SIGN_OFF]
    assert needed(item, qa_kinds=["reassessment"]) == [Stage.QUALIFIED_SIGN_OFF]
    assert needed(item, qa_qualifications=["social_worker"]) == [Stage.QUALIFIED_SIGN_OFF]


def test_every_check_in_order_for_an_unqualified_contracted_worker_with_council_sign_off():
    item = work(qualification="unqualified", contracted=True, council_signs_off=True)
    assert needed(item) == [Stage.PROVIDER_QA, Stage.QUALIFIED_SIGN_OFF, Stage.COUNCIL_SIGN_OFF]


@pytest.mark.parametrize(
    ("eligible", "weekly", "expected"),
    [(True, 49_501, True), (True, 49_500, False), (True, 49_499, False), (False, 90_000, False), (True, 0, False)],
)
def test_the_panel_takes_eligible_plans_over_the_threshold_only(eligible, weekly, expected):
    assert goes_to_panel(eligible=eligible, weekly_cost_pence=weekly, threshold_pence=49_500) is expected


def test_the_next_step_is_the_first_check_not_yet_passed():
    stages = [Stage.PROVIDER_QA, Stage.QUALIFIED_SIGN_OFF, Stage.COUNCIL_SIGN_OFF]
    assert next_step(stages, [], to_panel=False) == (Status.WITH_QA, Stage.PROVIDER_QA)
    assert next_step(stages, [Stage.PROVIDER_QA], to_panel=False) == (Status.WITH_SIGN_OFF, Stage.QUALIFIED_SIGN_OFF)
    assert next_step(stages, [Stage.PROVIDER_QA, Stage.QUALIFIED_SIGN_OFF], to_panel=True) == (
        Status.WITH_SIGN_OFF,
        Stage.COUNCIL_SIGN_OFF,
    )


def test_council_qa_waits_with_qa_and_sign_off_with_sign_off():
    assert next_step([Stage.COUNCIL_QA], [], to_panel=False) == (Status.WITH_QA, Stage.COUNCIL_QA)
    assert next_step([Stage.COUNCIL_SIGN_OFF], [], to_panel=False) == (Status.WITH_SIGN_OFF, Stage.COUNCIL_SIGN_OFF)


def test_once_every_check_is_passed_the_work_goes_to_panel_or_is_agreed():
    stages = [Stage.COUNCIL_QA]
    assert next_step(stages, [Stage.COUNCIL_QA], to_panel=True) == (Status.WITH_PANEL, None)
    assert next_step(stages, [Stage.COUNCIL_QA], to_panel=False) == (Status.AGREED, None)
    assert next_step([], [], to_panel=False) == (Status.AGREED, None)
    assert next_step([], [], to_panel=True) == (Status.WITH_PANEL, None)


def test_returned_work_restarts_its_checks_from_the_first():
    """After a return nothing counts as passed (`passed_since_submission`), so the first check comes round again."""
    stages = [Stage.PROVIDER_QA, Stage.COUNCIL_SIGN_OFF]
    assert next_step(stages, [Stage.PROVIDER_QA], to_panel=False) == (Status.WITH_SIGN_OFF, Stage.COUNCIL_SIGN_OFF)
    assert next_step(stages, [], to_panel=False) == (Status.WITH_QA, Stage.PROVIDER_QA)


def test_a_check_passed_that_the_work_no_longer_needs_does_not_count():
    assert next_step([Stage.COUNCIL_QA], [Stage.PROVIDER_QA], to_panel=False) == (Status.WITH_QA, Stage.COUNCIL_QA)
