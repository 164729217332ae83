"""The funding panel's pages: who reaches them, what a panel member reads (the summary, never the record), the
decision from the page, the printable agenda and decision record, and the assessor's view of the outcome."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.assessments.models import Assessment, AssessmentSettings, PanelDecision, SupportPlan
from assessflow.audit.models import AccessEvent
from assessflow.tests import factories

pytestmark = pytest.mark.django_db


def at_panel(person, *, organisation=None, hours=22):
    """An eligible assessment of the person at panel: £25 an hour for `hours` a week."""
    with scopes_disabled():
        extra = {"allocation__organisation": organisation} if organisation is not None else {}
        assessment = factories.AssessmentFactory(
            allocation__entry__person=person,
            status="with_panel",
            what_matters="Staying in her own home near her daughter",
            answers=factories.ELIGIBLE_ADULT_ANSWERS,
            determination={
                "eligible": True,
                "summary": "The needs meet the eligibility criteria",
                "clauses": [],
                "unmet_outcomes": ["nutrition", "personal_hygiene"],
                "notes": [],
            },
            **extra,
        )
        plan = SupportPlan.objects.create(council=assessment.council, person=person, assessment=assessment)
        factories.PlanLineFactory(plan=plan, units=hours, description="Morning and evening calls")
    return assessment


def viewed(assessment):
    with scopes_disabled():
        return AccessEvent.objects.filter(
            action="assessments.panel_viewed", object_id=str(assessment.pk), person_id=assessment.person_id
        )


def test_the_panel_reads_the_case_summary_and_each_read_is_logged(cast, sign_in):
    assessment = at_panel(cast.person_a)
    client = sign_in(cast.member("panel_member_a"))

    queue = client.get(reverse("assessments:panel")).content.decode()
    page = client.get(reverse("assessments:panel-case", args=[assessment.pk])).content.decode()

    assert "Alice Ashworth" in queue and "£550.00" in queue
    assert "Staying in her own home near her daughter" in page
    assert "Managing and maintaining nutrition" in page and "Maintaining personal hygiene" in page
    assert "Morning and evening calls" in page and "£550.00" in page and "£495.00" in page
    assert "it cannot decline it" in page
    # The summary only: no way into the person's record, their casework or safeguarding.
    for url in (
        reverse("people:detail", args=[cast.person_a.pk]),
        reverse("casework:chronology", args=[cast.person_a.pk]),
        cast.casework[cast.person_a.pk]["note"].text,
    ):
        assert url not in page
    assert viewed(assessment).count() == 2


def test_the_panel_member_cannot_open_the_persons_record(cast, sign_in):
    at_panel(cast.person_a)
    client = sign_in(cast.member("panel_member_a"))
    assert client.get(reverse("people:detail", args=[cast.person_a.pk])).status_code == 403
    assert client.get(reverse("casework:chronology", args=[cast.person_a.pk])).status_code == 403
    assert client.get(reverse("people:find")).status_code == 403


def test_another_councils_panel_finds_nothing(cast, sign_in):
    assessment = at_panel(cast.person_a)
    client = sign_in(cast.member("panel_member_b"))
    assert "Alice" not in client.get(reverse("assessments:panel")).content.decode()
    assert client.get(reverse("assessments:panel-case", args=[assessment.pk])).status_code == 404
    response = client.post(
        reverse("assessments:panel-case", args=[assessment.pk]),
        {"decision": "approved", "reasons": "Fine", "version": assessment.version},
    )
    assert response.status_code == 404
    with scopes_disabled():
        assert not PanelDecision.objects.filter(assessment=assessment).exists()
    assert not viewed(assessment).exists()


@pytest.mark.parametrize("member", ["provider_assessor", "provider_team_manager", "assessor_a", "team_manager_a"])
def test_only_panel_members_reach_the_panel(cast, sign_in, member):
    assessment = at_panel(cast.person_a_handed, organisation=cast.provider)
    client = sign_in(cast.member(member))
    for name, args in (("panel", []), ("panel-agenda", []), ("panel-case", [assessment.pk])):
        assert client.get(reverse(f"assessments:{name}", args=args)).status_code == 403


def test_a_decision_from_the_page_returns_the_plan_and_the_assessor_reads_why(cast, sign_in):
    assessment = at_panel(cast.person_a)
    client = sign_in(cast.member("panel_member_a"))
    url = reverse("assessments:panel-case", args=[assessment.pk])

    refused = client.post(url, {"decision": "approved_with_changes", "version": assessment.version})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Enter the changes the panel requires" in page and "Enter the panel&#x27;s reasons" in page

    response = client.post(
        url, {"decision": "returned", "reasons": "Try a day centre for two days", "version": assessment.version}
    )
    with scopes_disabled():
        decision = PanelDecision.objects.get(assessment=assessment)
        assert Assessment.objects.get(pk=assessment.pk).status == "replan"
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:panel-decision", args=[decision.pk])
    record = client.get(response["Location"]).content.decode()
    assert "Returned to re-plan" in record and "Try a day centre for two days" in record and "£550.00" in record
    # Decided once: the case has left the panel's queue.
    assert client.get(url).status_code == 404

    with scopes_disabled():
        assessor = factories.MembershipFactory(organisation=cast.council_a, role="assessor", user=assessment.assessor)
    outcome = sign_in(assessor).get(reverse("assessments:panel-outcome", args=[assessment.pk])).content.decode()
    assert "The panel returned the support plan to re-plan" in outcome and "Try a day centre" in outcome


def test_the_agenda_prints_every_case_waiting(cast, sign_in):
    first = at_panel(cast.person_a)
    second = at_panel(cast.citizen_person_a, hours=30)
    with scopes_disabled():
        AssessmentSettings.objects.create(council=cast.council_a, panel_threshold_pence=60_000)
    page = sign_in(cast.member("panel_member_a")).get(reverse("assessments:panel-agenda")).content.decode()
    assert "Alice Ashworth" in page and "Cecil Quayle" in page
    assert "£750.00" in page and "£600.00" in page and "app-no-print" in page
    assert viewed(first).count() == 1 and viewed(second).count() == 1
