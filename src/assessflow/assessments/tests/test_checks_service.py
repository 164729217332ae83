"""Deciding a check: passing work on, returning it with reasons, and every refusal (own work, wrong stage, wrong
organisation, a stale page), driven through the services as the pages drive them."""

import pytest
from django_scopes import scopes_disabled

from assessflow.allocation.models import AssessorProfile
from assessflow.assessments.models import Assessment, AssessmentSettings, Check
from assessflow.assessments.moves import EDITABLE
from assessflow.assessments.services.checks import decide, waiting_stage
from assessflow.assessments.services.common import start
from assessflow.assessments.services.progress import submit
from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.pathway.transitions import IllegalMove, MoveConflict
from assessflow.tests import factories

pytestmark = pytest.mark.django_db

Status = Assessment.Status
Stage = Check.Stage
PASSED, RETURNED = Check.Outcome.PASSED, Check.Outcome.RETURNED


@pytest.fixture(autouse=True)
def _unscoped():
    with scopes_disabled():
        yield


def as_member(membership):
    return Actor(user=membership.user, membership=membership)


def submitted(assessor, person, *, organisation, hours=10):
    """Work started from an allocation, eligible, with a plan of `hours` of home care a week, and submitted."""
    allocation = factories.AllocationFactory(entry__person=person, assessor=assessor.user, organisation=organisation)
    assessment = start(actor=as_member(assessor), allocation=allocation)
    Assessment.objects.filter(pk=assessment.pk).update(answers=factories.ELIGIBLE_ADULT_ANSWERS)
    assessment.refresh_from_db()
    plan = factories.SupportPlanFactory(assessment=assessment)
    factories.PlanLineFactory(plan=plan, units=hours)
    return submit(actor=as_member(assessor), assessment=assessment, expected_version=assessment.version)


def council_work(cast, **kwargs):
    return submitted(cast.member("assessor_a"), cast.person_a, organisation=cast.council_a, **kwargs)


def contracted_work(cast, **kwargs):
    return submitted(cast.member("provider_assessor"), cast.person_a_handed, organisation=cast.provider, **kwargs)


def check(membership, assessment, stage, outcome=PASSED, reasons=None, comment=""):
    assessment.refresh_from_db()
    return decide(
        actor=as_member(membership),
        assessment=assessment,
        stage=stage,
        outcome=outcome,
        reasons=reasons or {},
        comment=comment,
        expected_version=assessment.version,
    )


def test_the_councils_qa_lead_passes_the_councils_own_work_and_it_is_agreed(cast):
    work = council_work(cast)
    assert (work.status, waiting_stage(work)) == (Status.WITH_QA, Stage.COUNCIL_QA)
    done = check(cast.member("team_manager_a"), work, Stage.COUNCIL_QA, comment="Clear and well evidenced")
    assert done.status == Status.AGREED
    [decision] = Check.objects.filter(assessment=work)
    assert (decision.stage, decision.outcome, decision.comment) == (
        Stage.COUNCIL_QA,
        PASSED,
        "Clear and well evidenced",
    )
    assert decision.decided_by == cast.member("team_manager_a").user
    assert PathwayEvent.objects.filter(person_id=work.person_id, event_type=EventType.QA_PASSED).count() == 1
    assert AccessEvent.objects.filter(action="assessments.qa_passed", person_id=work.person_id).count() == 1


def test_passed_over_the_threshold_the_work_goes_to_the_panel(cast):
    work = council_work(cast, hours=20)  # £500 a week against £495
    assert check(cast.member("team_manager_a"), work, Stage.COUNCIL_QA).status == Status.WITH_PANEL


def test_returned_work_goes_back_to_the_assessor_with_its_reasons_and_its_history(cast):
    work = council_work(cast)
    reasons = {"needs": "Nutrition: say what happens at mealtimes now", "plan": ""}
    returned = check(cast.member("team_manager_a"), work, Stage.COUNCIL_QA, RETURNED, reasons)
    assert returned.status == Status.RETURNED and returned.status in EDITABLE
    assert waiting_stage(returned) is None
    [decision] = Check.objects.filter(assessment=work)
    assert decision.reasons == {"needs": "Nutrition: say what happens at mealtimes now"}
    assert PathwayEvent.objects.filter(person_id=work.person_id, event_type=EventType.QA_RETURNED).count() == 1
    again = submit(actor=as_member(cast.member("assessor_a")), assessment=returned, expected_version=returned.version)
    assert waiting_stage(again) == Stage.COUNCIL_QA
    check(cast.member("team_manager_a"), again, Stage.COUNCIL_QA)
    assert [c.outcome for c in Check.objects.filter(assessment=work)] == [RETURNED, PASSED]


def test_a_return_needs_a_reason_and_writes_nothing_without_one(cast):
    work = council_work(cast)
    with pytest.raises(IllegalMove, match="at least one section"):
        check(cast.member("team_manager_a"), work, Stage.COUNCIL_QA, RETURNED, {"needs": "  "})
    work.refresh_from_db()
    assert work.status == Status.WITH_QA and not Check.objects.exists()


def test_nobody_checks_their_own_work(cast):
    manager = cast.member("team_manager_a")
    allocation_assessor = factories.MembershipFactory(
        organisation=cast.council_a, role="assessor", qualification="social_worker", user=manager.user
    )
    work = submitted(allocation_assessor, cast.person_a, organisation=cast.council_a)
    with pytest.raises(IllegalMove, match="your own work"):
        check(manager, work, Stage.COUNCIL_QA)
    assert not Check.objects.exists()


def test_the_wrong_stage_is_refused(cast):
    work = council_work(cast)
    with pytest.raises(IllegalMove, match="not waiting for this check"):
        check(cast.member("team_manager_a"), work, Stage.COUNCIL_SIGN_OFF)
    assert not Check.objects.exists()


def test_a_stale_page_writes_nothing(cast):
    work = council_work(cast)
    with pytest.raises(MoveConflict):
        decide(
            actor=as_member(cast.member("team_manager_a")),
            assessment=work,
            stage=Stage.COUNCIL_QA,
            outcome=PASSED,
            reasons={},
            comment="",
            expected_version=work.version - 1,
        )
    work.refresh_from_db()
    assert work.status == Status.WITH_QA and not Check.objects.exists()
    assert not AccessEvent.objects.filter(action="assessments.qa_passed").exists()


@pytest.mark.parametrize("outsider", ["provider_team_manager", "provider_q_team_manager", "team_manager_b"])
def test_another_organisation_cannot_check_the_councils_own_work(cast, outsider):
    work = council_work(cast)
    with pytest.raises(IllegalMove):
        check(cast.member(outsider), work, Stage.COUNCIL_QA)
    assert not Check.objects.exists()


@pytest.mark.parametrize("outsider", ["team_manager_a", "provider_q_team_manager", "team_manager_b"])
def test_only_the_providers_own_qa_lead_checks_its_work_first(cast, outsider):
    work = contracted_work(cast)
    assert waiting_stage(work) == Stage.PROVIDER_QA
    with pytest.raises(IllegalMove):
        check(cast.member(outsider), work, Stage.PROVIDER_QA)
    assert not Check.objects.exists()


def test_contracted_work_needing_council_sign_off_cannot_be_agreed_without_it(cast):
    """s.79: the provider's QA passes the work, and it waits for the council; only the council's sign-off agrees it."""
    assert cast.person_a_handed.handovers.get().contract.council_signs_off
    work = contracted_work(cast)
    after_qa = check(cast.member("provider_team_manager"), work, Stage.PROVIDER_QA)
    assert (after_qa.status, waiting_stage(after_qa)) == (Status.WITH_SIGN_OFF, Stage.COUNCIL_SIGN_OFF)
    with pytest.raises(IllegalMove):
        check(cast.member("provider_team_manager"), after_qa, Stage.COUNCIL_SIGN_OFF)
    with pytest.raises(IllegalMove, match="not waiting for this check"):
        check(cast.member("provider_team_manager"), after_qa, Stage.PROVIDER_QA)
    after_qa.refresh_from_db()
    assert after_qa.status == Status.WITH_SIGN_OFF and after_qa.agreed_at is None
    signed = check(cast.member("team_manager_a"), after_qa, Stage.COUNCIL_SIGN_OFF)
    assert signed.status == Status.AGREED
    assert [(c.stage, c.decided_by_id) for c in Check.objects.filter(assessment=work)] == [
        (Stage.PROVIDER_QA, cast.member("provider_team_manager").user_id),
        (Stage.COUNCIL_SIGN_OFF, cast.member("team_manager_a").user_id),
    ]
    assert AccessEvent.objects.filter(action="assessments.signed_off", person_id=work.person_id).count() == 1


def test_the_provider_qa_lead_cannot_sign_off_as_the_council_even_with_no_qa_asked(cast):
    AssessmentSettings.objects.create(council=cast.council_a, qa_work_types=["reassessment"])
    work = contracted_work(cast)
    assert waiting_stage(work) == Stage.COUNCIL_SIGN_OFF
    with pytest.raises(IllegalMove):
        check(cast.member("provider_team_manager"), work, Stage.COUNCIL_SIGN_OFF)
    work.refresh_from_db()
    assert work.status == Status.WITH_SIGN_OFF


def test_council_sign_off_returning_work_starts_the_checks_again_at_the_provider(cast):
    work = contracted_work(cast)
    check(cast.member("provider_team_manager"), work, Stage.PROVIDER_QA)
    returned = check(cast.member("team_manager_a"), work, Stage.COUNCIL_SIGN_OFF, RETURNED, {"plan": "Cost too high"})
    again = submit(
        actor=as_member(cast.member("provider_assessor")), assessment=returned, expected_version=returned.version
    )
    assert waiting_stage(again) == Stage.PROVIDER_QA


def unqualified_work(cast, *, supervisor=None):
    worker = factories.MembershipFactory(organisation=cast.council_a, role="assessor", qualification="unqualified")
    AssessorProfile.objects.create(
        council=cast.council_a, membership=worker, supervisor=supervisor.user if supervisor else None
    )
    AssessmentSettings.objects.create(council=cast.council_a, qa_work_types=["reassessment"])
    return submitted(worker, cast.person_a, organisation=cast.council_a)


def test_an_unqualified_workers_work_is_signed_off_by_their_named_supervisor(cast):
    supervisor = cast.member("assessor_a")  # a social worker
    work = unqualified_work(cast, supervisor=supervisor)
    assert waiting_stage(work) == Stage.QUALIFIED_SIGN_OFF
    other = factories.MembershipFactory(organisation=cast.council_a, role="assessor", qualification="social_worker")
    with pytest.raises(IllegalMove):
        check(other, work, Stage.QUALIFIED_SIGN_OFF)
    assert check(supervisor, work, Stage.QUALIFIED_SIGN_OFF).status == Status.AGREED


def test_a_qualified_team_manager_signs_off_an_unqualified_workers_work_and_an_unqualified_one_cannot(cast):
    work = unqualified_work(cast)
    unqualified_manager = cast.member("team_manager_a")
    with pytest.raises(IllegalMove):
        check(unqualified_manager, work, Stage.QUALIFIED_SIGN_OFF)
    qualified = factories.MembershipFactory(
        organisation=cast.council_a, role="team_manager", qualification="occupational_therapist"
    )
    assert check(qualified, work, Stage.QUALIFIED_SIGN_OFF).status == Status.AGREED
