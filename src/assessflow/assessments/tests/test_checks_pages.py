"""The checker's pages: each QA lead's queue holds only their own organisation's work, the check page shows what was
recorded and takes the decision, and every read and decision is logged."""

import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.allocation.models import AssessorProfile
from assessflow.assessments.models import Assessment, AssessmentSettings, Check
from assessflow.assessments.tests.test_checks_service import check, contracted_work, council_work, submitted
from assessflow.audit.models import AccessEvent
from assessflow.tests import factories

pytestmark = pytest.mark.django_db

Status = Assessment.Status
Stage = Check.Stage


@pytest.fixture
def work(cast):
    """The council's own work, provider P's and provider Q's, all submitted and waiting for their first check."""
    with scopes_disabled():
        council = council_work(cast)
        Assessment.objects.filter(pk=council.pk).update(professional_judgement="Seen twice; the fall risk is real")
        provider = contracted_work(cast)
        neighbour = submitted(cast.member("provider_q_assessor"), cast.person_a_handed_q, organisation=cast.provider_q)
    return {"council": council, "provider": provider, "neighbour": neighbour}


def queue_of(client) -> str:
    response = client.get(reverse("assessments:checks"))
    assert response.status_code == 200
    return response.content.decode()


def test_each_qa_lead_sees_only_their_own_organisations_work(cast, sign_in, work):
    council_page = queue_of(sign_in(cast.member("team_manager_a")))
    assert cast.person_a.full_name in council_page
    assert cast.person_a_handed.full_name not in council_page  # waiting for the provider's own QA first
    assert cast.person_a_handed_q.full_name not in council_page

    provider_page = queue_of(sign_in(cast.member("provider_team_manager")))
    assert cast.person_a_handed.full_name in provider_page
    assert cast.person_a.full_name not in provider_page
    assert cast.person_a_handed_q.full_name not in provider_page

    neighbour_page = queue_of(sign_in(cast.member("provider_q_team_manager")))
    assert cast.person_a_handed_q.full_name in neighbour_page
    assert cast.person_a_handed.full_name not in neighbour_page

    assert "Nothing is waiting" in queue_of(sign_in(cast.member("team_manager_b")))


def test_after_the_providers_qa_the_council_signs_off_from_its_queue(cast, sign_in, work):
    with scopes_disabled():
        check(cast.member("provider_team_manager"), work["provider"], Stage.PROVIDER_QA)
    page = queue_of(sign_in(cast.member("team_manager_a")))
    assert cast.person_a_handed.full_name in page and "Council sign-off" in page
    assert cast.person_a_handed.full_name not in queue_of(sign_in(cast.member("provider_team_manager")))


@pytest.mark.parametrize("outsider", ["provider_q_team_manager", "team_manager_b", "team_manager_a"])
def test_nobody_else_opens_the_providers_check_page(cast, sign_in, work, outsider):
    """Q's QA lead and council B cannot reach P's work at all; the council's own lead can read the assessment but it
    is not waiting for their check."""
    client = sign_in(cast.member(outsider))
    path = reverse("assessments:check", args=[work["provider"].pk])
    assert client.get(path).status_code == 404
    assert client.post(path, {"outcome": "passed", "version": work["provider"].version}).status_code == 404
    with scopes_disabled():
        assert not Check.objects.exists()


def test_the_assessor_cannot_open_their_own_work_for_its_check(cast, sign_in, work):
    client = sign_in(cast.member("assessor_a"))
    assert client.get(reverse("assessments:check", args=[work["council"].pk])).status_code == 404


def test_roles_that_check_nothing_are_refused_the_queue(cast, sign_in):
    assert sign_in(cast.member("front_door_a")).get(reverse("assessments:checks")).status_code == 403
    assert sign_in(cast.member("provider_assessor")).get(reverse("assessments:checks")).status_code == 403


def test_the_check_page_shows_the_record_and_logs_the_read(cast, sign_in, work):
    client = sign_in(cast.member("team_manager_a"))
    response = client.get(reverse("assessments:check", args=[work["council"].pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The needs meet the eligibility criteria" in page
    assert "reg 2(1)(a)" in page
    assert "Seen twice; the fall risk is real" in page
    assert "Managing and maintaining nutrition" in page
    assert "£250" in page  # ten hours at £25
    with scopes_disabled():
        [entry] = AccessEvent.objects.filter(action="assessments.check_viewed")
    assert (entry.kind, entry.person_id) == (AccessEvent.Kind.VIEW, cast.person_a.pk)


def test_a_return_needs_a_reason_shown_by_the_field(cast, sign_in, work):
    client = sign_in(cast.member("team_manager_a"))
    path = reverse("assessments:check", args=[work["council"].pk])
    response = client.post(path, {"outcome": "returned", "version": work["council"].version})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and 'href="#id_reason_how"' in page
    assert "Give a reason for at least one section you are returning" in page
    with scopes_disabled():
        assert not Check.objects.exists()


def test_returned_work_goes_back_to_the_assessor_with_the_reason_on_the_assessment(cast, sign_in, work):
    client = sign_in(cast.member("team_manager_a"))
    path = reverse("assessments:check", args=[work["council"].pk])
    response = client.post(
        path,
        {"outcome": "returned", "reason_outcomes": "Say what happens at mealtimes", "version": work["council"].version},
    )
    assert response.status_code == 302 and response["Location"] == reverse("assessments:checks")
    with scopes_disabled():
        work["council"].refresh_from_db()
        assert work["council"].status == Status.RETURNED
        assert AccessEvent.objects.filter(action="assessments.qa_returned", person_id=cast.person_a.pk).exists()
    assessor_page = sign_in(cast.member("assessor_a")).get(reverse("assessments:assessment", args=[work["council"].pk]))
    page = assessor_page.content.decode()
    assert "Returned for changes" in page
    assert '<dt class="govuk-summary-list__key">Outcomes</dt>' in page and "Say what happens at mealtimes" in page
    assert "Submit the assessment" in page  # editable again
    # The task list marks the section the reason is about, and only that one.
    returned_tag = "Returned: see the reasons above"
    assert page.count(returned_tag) == 1
    assert re.search(r'id="section-outcomes-status"><strong[^>]*>' + returned_tag, page)


def test_a_pass_moves_the_work_on_and_a_stale_page_is_told_so(cast, sign_in, work):
    client = sign_in(cast.member("team_manager_a"))
    path = reverse("assessments:check", args=[work["council"].pk])
    stale = client.post(path, {"outcome": "passed", "version": work["council"].version - 1})
    assert stale.status_code == 400 and "Someone else changed" in stale.content.decode()
    passed = client.post(path, {"outcome": "passed", "comment": "Good", "version": work["council"].version})
    assert passed.status_code == 302
    with scopes_disabled():
        work["council"].refresh_from_db()
        assert work["council"].status == Status.AGREED
        assert Check.objects.get().comment == "Good"


def test_the_home_page_counts_the_checks_waiting(cast, sign_in, work):
    with scopes_disabled():
        check(cast.member("provider_team_manager"), work["provider"], Stage.PROVIDER_QA)
    page = sign_in(cast.member("team_manager_a")).get(reverse("home")).content.decode()
    assert "1 assessment waiting for quality assurance" in page
    assert "1 assessment waiting for sign-off" in page
    provider_home = sign_in(cast.member("provider_q_team_manager")).get(reverse("home")).content.decode()
    assert "1 assessment waiting for quality assurance" in provider_home


def test_an_unqualified_workers_work_waits_in_their_supervisors_queue_and_no_other_workers(cast, sign_in):
    with scopes_disabled():
        worker = factories.MembershipFactory(organisation=cast.council_a, role="assessor", qualification="unqualified")
        AssessorProfile.objects.create(
            council=cast.council_a, membership=worker, supervisor=cast.member("assessor_a").user
        )
        AssessmentSettings.objects.create(council=cast.council_a, qa_work_types=["reassessment"])
        submitted(worker, cast.person_a, organisation=cast.council_a)
        colleague = factories.MembershipFactory(
            organisation=cast.council_a, role="assessor", qualification="social_worker"
        )
    page = queue_of(sign_in(cast.member("assessor_a")))
    assert cast.person_a.full_name in page and "Sign-off by a qualified worker" in page
    assert cast.person_a.full_name not in queue_of(sign_in(colleague))
    assert cast.person_a.full_name not in queue_of(sign_in(cast.member("team_manager_a")))  # not qualified
