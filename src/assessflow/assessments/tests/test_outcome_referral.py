"""The agreed outcome reaches the referral it came from, and its referrer reads it only with the person's consent;
no eligible needs still ends the work with the reasons, advice and prevention offer recorded; services start daily."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.assessments.models import Assessment, AssessmentSettings, PlanLine, SupportPlan
from assessflow.assessments.services.common import start
from assessflow.assessments.services.progress import submit
from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.frontdoor.models import Referral
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.tests import factories

pytestmark = pytest.mark.django_db

NOT_ELIGIBLE = {"impairment_or_illness": True, "outcomes": {"nutrition": ["slowly"]}, "significant_impact": False}


def agreed_from(cast, referral, *, answers=factories.ELIGIBLE_ADULT_ANSWERS, advice=""):
    """A needs assessment from this referral, agreed with no checks needed (a plan under the threshold)."""
    with scopes_disabled():
        AssessmentSettings.objects.get_or_create(council=referral.council, defaults={"qa_work_types": ["reassessment"]})
        assessor = cast.member("assessor_a")
        allocation = factories.AllocationFactory(
            entry__person=referral.person, entry__referral=referral, assessor=assessor.user
        )
        actor = Actor(user=assessor.user, membership=assessor)
        assessment = start(actor=actor, allocation=allocation)
        Assessment.objects.filter(pk=assessment.pk).update(
            answers=answers, advice_given=advice, prevention_offer="A falls prevention class at the leisure centre"
        )
        assessment.refresh_from_db()
        if answers is factories.ELIGIBLE_ADULT_ANSWERS:
            plan = SupportPlan.objects.create(council=referral.council, person=referral.person, assessment=assessment)
            factories.PlanLineFactory(plan=plan, starts_on=datetime.date(2099, 1, 4))
        return submit(actor=actor, assessment=assessment, expected_version=assessment.version)


def portal_page(client, referral):
    return client.get(reverse("portal:referral", args=[referral.pk])).content.decode()


def test_the_referrer_sees_the_outcome_with_consent(cast, sign_in):
    referral = cast.portal_referral_a
    with scopes_disabled():
        Referral.objects.filter(pk=referral.pk).update(consent_to_share_outcome=True, status="waiting_list")
    assert agreed_from(cast, referral).status == "agreed"
    page = portal_page(sign_in(cast.member("referrer_a")), referral)
    assert "eligible needs were found and a support plan has been agreed" in page
    with scopes_disabled():
        assert AccessEvent.objects.filter(action="referral.outcome_recorded", object_id=str(referral.pk)).count() == 1


def test_without_consent_the_referrer_is_not_told(cast, sign_in):
    referral = cast.portal_referral_a
    with scopes_disabled():
        Referral.objects.filter(pk=referral.pk).update(consent_to_share_outcome=False, status="waiting_list")
    agreed_from(cast, referral)
    client = sign_in(cast.member("referrer_a"))
    page = portal_page(client, referral)
    assert "support plan" not in page and "The person did not agree to us sharing the outcome" in page
    assert "support plan" not in client.get(reverse("portal:referrals")).content.decode()


def test_another_surgery_never_reads_the_outcome(cast, sign_in):
    referral = cast.portal_referral_a
    with scopes_disabled():
        Referral.objects.filter(pk=referral.pk).update(consent_to_share_outcome=True, status="waiting_list")
    agreed_from(cast, referral)
    client = sign_in(cast.member("referrer_a2"))
    assert client.get(reverse("portal:referral", args=[referral.pk])).status_code == 404
    assert "eligible needs were found" not in client.get(reverse("portal:referrals")).content.decode()


def test_no_eligible_needs_still_ends_with_an_outcome_and_the_advice_given(cast):
    referral = cast.portal_referral_a
    assessment = agreed_from(cast, referral, answers=NOT_ELIGIBLE, advice="Age UK's befriending service; a key safe")
    with scopes_disabled():
        assert assessment.status == "agreed" and assessment.determination["eligible"] is False
        referral.refresh_from_db()
        assert referral.outcome.endswith("no eligible needs were found; information and advice were given")
        assessment.entry.refresh_from_db()
        assert assessment.entry.status == "completed"
        assert not SupportPlan.objects.filter(person=referral.person, is_current=True).exists()
        determined = PathwayEvent.objects.get(person_id=referral.person_id, event_type=EventType.ELIGIBILITY_DETERMINED)
        assert determined.reason_code == "not_eligible"


def test_the_daily_job_starts_services_whose_day_has_come(cast):
    assessment = agreed_from(cast, cast.portal_referral_a)
    with scopes_disabled():
        line = PlanLine.objects.get(plan__assessment=assessment)
        assert line.started_at is None
        PlanLine.objects.filter(pk=line.pk).update(starts_on=datetime.date(2020, 1, 6))
    out = StringIO()
    call_command("start_due_services", stdout=out)
    call_command("start_due_services", stdout=out)  # safe to run twice
    assert out.getvalue().splitlines() == ["1 service started.", "0 services started."]
    with scopes_disabled():
        assert PlanLine.objects.get(pk=line.pk).started_at is not None
        started = PathwayEvent.objects.filter(person_id=assessment.person_id, event_type=EventType.SERVICE_STARTED)
        assert started.count() == 1
