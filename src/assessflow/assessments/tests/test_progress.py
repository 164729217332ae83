"""Submitting work and what follows: the checks it needs, the panel over the threshold, and the agreed outcome."""

import datetime

import pytest
from django_scopes import scopes_disabled

from assessflow.assessments.models import Assessment, AssessmentSettings, Check, PlanLine, SupportPlan
from assessflow.assessments.services.common import start
from assessflow.assessments.services.progress import submit
from assessflow.audit.actor import Actor
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.pathway.transitions import IllegalMove, MoveConflict
from assessflow.tests import factories

pytestmark = pytest.mark.django_db

Status = Assessment.Status


@pytest.fixture(autouse=True)
def _unscoped():
    with scopes_disabled():
        yield


def actor_for(user):
    return Actor(user=user, membership=None)


def started(**allocation):
    allocation = factories.AllocationFactory(**allocation)
    return start(actor=actor_for(allocation.assessor), allocation=allocation)


def with_plan(assessment, *, hours=10, starts_on=datetime.date(2020, 1, 6)):
    plan = SupportPlan.objects.create(council=assessment.council, person=assessment.person, assessment=assessment)
    factories.PlanLineFactory(plan=plan, units=hours, starts_on=starts_on)
    return plan


def eligible(assessment):
    Assessment.objects.filter(pk=assessment.pk).update(answers=factories.ELIGIBLE_ADULT_ANSWERS)
    assessment.refresh_from_db()
    return assessment


def no_qa(council):
    AssessmentSettings.objects.create(council=council, qa_work_types=["reassessment"])


def events(assessment, kind):
    return PathwayEvent.objects.filter(person_id=assessment.person_id, event_type=kind)


def test_starting_opens_one_assessment_and_records_the_start():
    allocation = factories.AllocationFactory()
    actor = actor_for(allocation.assessor)
    first = start(actor=actor, allocation=allocation)
    again = start(actor=actor, allocation=allocation)
    assert first.pk == again.pk and first.status == Status.IN_PROGRESS
    assert events(first, EventType.ASSESSMENT_STARTED).count() == 1
    first.entry.refresh_from_db()
    assert first.entry.status == "allocated"


def test_only_the_allocated_assessor_starts_the_work():
    allocation = factories.AllocationFactory()
    with pytest.raises(IllegalMove):
        start(actor=actor_for(factories.UserFactory()), allocation=allocation)
    assert not Assessment.objects.exists()


def test_reviews_are_not_started_as_assessments():
    allocation = factories.AllocationFactory(entry__work_type="annual_review")
    with pytest.raises(IllegalMove):
        start(actor=actor_for(allocation.assessor), allocation=allocation)


def test_eligible_needs_need_a_plan_before_submitting():
    assessment = eligible(started())
    with pytest.raises(IllegalMove, match="support plan"):
        submit(actor=actor_for(assessment.assessor), assessment=assessment, expected_version=assessment.version)
    assessment.refresh_from_db()
    assert assessment.status == Status.IN_PROGRESS and assessment.determination == {}


def test_no_eligible_needs_need_the_advice_given():
    assessment = started()
    Assessment.objects.filter(pk=assessment.pk).update(
        answers={"impairment_or_illness": True, "outcomes": {}, "significant_impact": False}
    )
    assessment.refresh_from_db()
    with pytest.raises(IllegalMove, match="information and advice"):
        submit(actor=actor_for(assessment.assessor), assessment=assessment, expected_version=assessment.version)


def test_council_work_goes_to_council_qa_by_default():
    assessment = eligible(started())
    with_plan(assessment)
    moved = submit(actor=actor_for(assessment.assessor), assessment=assessment, expected_version=assessment.version)
    assert moved.status == Status.WITH_QA
    assert moved.determination["eligible"] is True
    assert events(moved, EventType.ASSESSMENT_SUBMITTED).count() == 1


def test_a_stale_form_does_not_submit():
    assessment = eligible(started())
    with_plan(assessment)
    with pytest.raises(MoveConflict):
        submit(actor=actor_for(assessment.assessor), assessment=assessment, expected_version=assessment.version - 1)


def test_work_needing_no_checks_under_the_threshold_is_agreed_with_its_outcome():
    assessment = eligible(started())
    no_qa(assessment.council)
    plan = with_plan(assessment, starts_on=datetime.date(2020, 1, 6))
    moved = submit(actor=actor_for(assessment.assessor), assessment=assessment, expected_version=assessment.version)
    assert moved.status == Status.AGREED
    plan.refresh_from_db()
    assert plan.is_current and plan.starts_on == datetime.date(2020, 1, 6)
    assessment.person.refresh_from_db()
    assert assessment.person.review_due_on == datetime.date(2020, 2, 17)  # six weeks after the plan starts
    moved.entry.refresh_from_db()
    assert moved.entry.status == "completed"
    for kind in (
        EventType.ELIGIBILITY_DETERMINED,
        EventType.PLAN_AGREED,
        EventType.SERVICE_STARTED,
        EventType.ASSESSMENT_COMPLETED,
    ):
        assert events(moved, kind).count() == 1, kind
    assert PlanLine.objects.get(plan=plan).started_at is not None


def test_a_service_starting_later_is_not_started_yet():
    assessment = eligible(started())
    no_qa(assessment.council)
    plan = with_plan(assessment, starts_on=datetime.date(2099, 1, 5))
    submit(actor=actor_for(assessment.assessor), assessment=assessment, expected_version=assessment.version)
    assert PlanLine.objects.get(plan=plan).started_at is None
    assert not events(assessment, EventType.SERVICE_STARTED).exists()


def test_over_the_threshold_goes_to_panel_and_at_it_does_not():
    over = eligible(started())
    no_qa(over.council)
    with_plan(over, hours=20)  # £500 a week against £495
    assert submit(actor=actor_for(over.assessor), assessment=over, expected_version=over.version).status == (
        Status.WITH_PANEL
    )
    at = eligible(started(entry__person__council=over.council))
    plan = with_plan(at, hours=1)
    PlanLine.objects.filter(plan=plan).update(cost_pence=49_500)
    assert submit(actor=actor_for(at.assessor), assessment=at, expected_version=at.version).status == Status.AGREED


def test_an_unqualified_workers_assessment_waits_for_qualified_sign_off():
    membership = factories.MembershipFactory(role="assessor", qualification="unqualified")
    assessment = eligible(started(assessor=membership.user, entry__person__council=membership.organisation))
    no_qa(assessment.council)
    with_plan(assessment)
    moved = submit(actor=actor_for(assessment.assessor), assessment=assessment, expected_version=assessment.version)
    assert moved.status == Status.WITH_SIGN_OFF
    assert not Check.objects.exists()
