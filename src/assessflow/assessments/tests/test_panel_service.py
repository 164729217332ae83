"""The funding panel's decisions, end to end at the service: returned to re-plan, re-planned, sent back and approved
with changes, to an agreed outcome with the entry completed, the first review set and the referral's outcome."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from assessflow.assessments.models import Assessment, AssessmentSettings, PanelDecision, PlanLine, SupportPlan
from assessflow.assessments.services.common import start
from assessflow.assessments.services.panel import decide
from assessflow.assessments.services.progress import submit
from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.casework.models import Task
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.pathway.transitions import IllegalMove, MoveConflict
from assessflow.tenancy.models import Notification
from assessflow.tests import factories

pytestmark = pytest.mark.django_db

Status = Assessment.Status


@pytest.fixture(autouse=True)
def _unscoped():
    with scopes_disabled():
        yield


def actor_for(membership):
    return Actor(user=membership.user, membership=membership)


@pytest.fixture
def people():
    council = factories.CouncilFactory(name="Council A")
    AssessmentSettings.objects.create(council=council, qa_work_types=["reassessment"])  # no QA for needs
    return {
        "council": council,
        "assessor": factories.MembershipFactory(organisation=council, role="assessor", qualification="social_worker"),
        "panel": factories.MembershipFactory(organisation=council, role="panel_member"),
    }


def at_panel(people, *, hours=20):
    """An eligible needs assessment, from a referral, whose plan costs £25 an hour for `hours` a week."""
    person = factories.PersonFactory(council=people["council"])
    referral = factories.ReferralFactory(person=person, consent_to_share_outcome=True)
    allocation = factories.AllocationFactory(
        entry__person=person, entry__referral=referral, assessor=people["assessor"].user
    )
    assessment = start(actor=actor_for(people["assessor"]), allocation=allocation)
    Assessment.objects.filter(pk=assessment.pk).update(answers=factories.ELIGIBLE_ADULT_ANSWERS)
    assessment.refresh_from_db()
    plan = SupportPlan.objects.create(council=assessment.council, person=person, assessment=assessment)
    factories.PlanLineFactory(plan=plan, units=hours, starts_on=datetime.date(2020, 3, 2))
    return submit(actor=actor_for(people["assessor"]), assessment=assessment, expected_version=assessment.version)


def events(assessment, kind):
    return PathwayEvent.objects.filter(person_id=assessment.person_id, event_type=kind)


def test_returned_replanned_and_approved_with_changes_reaches_an_agreed_outcome(people):
    assessment = at_panel(people)
    assert assessment.status == Status.WITH_PANEL
    panel = actor_for(people["panel"])

    returned = decide(
        actor=panel,
        assessment=assessment,
        decision="returned",
        reasons="Consider a day centre two days a week in place of some home care",
        expected_version=assessment.version,
    )
    assessment.refresh_from_db()
    assert assessment.status == Status.REPLAN
    assert returned.weekly_cost_pence == 50_000 and returned.decided_by == people["panel"].user
    # The outcome flows back to the assessor: a task on their list and a notice.
    task = Task.objects.get(assigned_to=people["assessor"].user)
    assert "re-plan" in task.title and "day centre" in task.details
    assert Notification.objects.filter(user=people["assessor"].user).count() == 1

    # The assessor re-plans (still over the threshold) and sends it back to the panel.
    PlanLine.objects.filter(plan__assessment=assessment).update(description="Two carers for the night calls")
    resubmitted = submit(
        actor=actor_for(people["assessor"]), assessment=assessment, expected_version=assessment.version
    )
    assert resubmitted.status == Status.WITH_PANEL

    decide(
        actor=panel,
        assessment=resubmitted,
        decision="approved_with_changes",
        changes="Review the night calls after four weeks",
        reasons="The needs are met; the cost reflects two carers at night",
        expected_version=resubmitted.version,
    )
    resubmitted.refresh_from_db()
    assert resubmitted.status == Status.AGREED
    assert list(PanelDecision.objects.filter(assessment=assessment).values_list("decision", flat=True)) == [
        "returned",
        "approved_with_changes",
    ]
    assert events(assessment, EventType.PANEL_DECIDED).count() == 2
    for kind in (EventType.ELIGIBILITY_DETERMINED, EventType.PLAN_AGREED, EventType.ASSESSMENT_COMPLETED):
        assert events(assessment, kind).count() == 1, kind
    resubmitted.entry.refresh_from_db()
    assert resubmitted.entry.status == "completed"
    resubmitted.person.refresh_from_db()
    assert resubmitted.person.review_due_on == datetime.date(2020, 4, 13)  # six weeks after the plan starts
    referral = resubmitted.entry.referral
    referral.refresh_from_db()
    assert referral.outcome.startswith("Needs assessment completed: eligible needs were found")
    assert referral.outcome_on is not None
    decided = AccessEvent.objects.filter(action="assessments.panel_decided", object_id=str(assessment.pk))
    assert decided.count() == 2
    assert Task.objects.filter(assigned_to=people["assessor"].user).count() == 2


def test_there_is_no_decline(people):
    assessment = at_panel(people)
    with pytest.raises(ValidationError) as refused:
        decide(
            actor=actor_for(people["panel"]),
            assessment=assessment,
            decision="declined",
            reasons="Too expensive",
            expected_version=assessment.version,
        )
    assert "decision" in refused.value.message_dict
    assert not PanelDecision.objects.exists()
    assessment.refresh_from_db()
    assert assessment.status == Status.WITH_PANEL


def test_approval_with_changes_needs_the_changes_and_every_decision_its_reasons(people):
    assessment = at_panel(people)
    with pytest.raises(ValidationError) as refused:
        decide(
            actor=actor_for(people["panel"]),
            assessment=assessment,
            decision="approved_with_changes",
            reasons=" ",
            expected_version=assessment.version,
        )
    assert set(refused.value.message_dict) == {"changes", "reasons"}
    assert not PanelDecision.objects.exists()


def test_a_stale_decision_records_nothing(people):
    assessment = at_panel(people)
    with pytest.raises(MoveConflict):
        decide(
            actor=actor_for(people["panel"]),
            assessment=assessment,
            decision="approved",
            reasons="Meets the needs",
            expected_version=assessment.version - 1,
        )
    assert not PanelDecision.objects.exists() and not Task.objects.exists()


def test_work_not_at_panel_cannot_be_decided(people):
    assessment = at_panel(people, hours=10)  # £250 a week: agreed without the panel
    assert assessment.status == Status.AGREED
    with pytest.raises(IllegalMove):
        decide(
            actor=actor_for(people["panel"]),
            assessment=assessment,
            decision="approved",
            reasons="Meets the needs",
            expected_version=assessment.version,
        )
