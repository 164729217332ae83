"""Work in progress is never lost: drafts kept as the assessor types survive an ended session, and two people saving
the same assessment never silently overwrite each other."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.assessments.models import Assessment, Draft
from assessflow.audit.models import AccessEvent
from assessflow.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(cast):
    with scopes_disabled():
        allocation = factories.AllocationFactory(
            entry__person=cast.person_a,
            entry__council=cast.council_a,
            assessor=cast.member("assessor_a").user,
            organisation=cast.council_a,
        )
        return factories.AssessmentFactory(allocation=allocation, answers={})


def section_url(assessment, slug="judgement"):
    return reverse("assessments:section", args=[assessment.pk, slug])


def draft_url(assessment, slug="judgement"):
    return reverse("assessments:draft", args=[assessment.pk, slug])


def saved(assessment) -> Assessment:
    with scopes_disabled():
        return Assessment.objects.get(pk=assessment.pk)


def test_a_second_save_over_a_stale_version_never_overwrites_the_first(cast, sign_in, client, assessment):
    colleague = factories.MembershipFactory(organisation=cast.council_a, role="assessor", qualification="social_worker")
    opened_at = assessment.version  # both open the section on the same version
    first = sign_in(cast.member("assessor_a"))
    response = first.post(
        section_url(assessment), {"version": opened_at, "professional_judgement": "Mine: risk is understated"}
    )
    assert response.status_code == 302
    second = sign_in(colleague)
    response = second.post(
        section_url(assessment), {"version": opened_at, "professional_judgement": "Theirs: the family copes"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone else saved this assessment after you opened this section" in page
    # Both versions on the page: what is saved, and the second person's own text still in the form.
    assert "Mine: risk is understated" in page
    assert "Theirs: the family copes</textarea>" in page
    assert saved(assessment).professional_judgement == "Mine: risk is understated"
    with scopes_disabled():
        saves = AccessEvent.objects.filter(action="assessments.section_saved", object_id=str(assessment.pk))
        assert saves.count() == 1


def test_a_draft_survives_an_ended_session_and_is_offered_after_signing_in(cast, sign_in, client, assessment):
    member = cast.member("assessor_a")
    sign_in(member)
    kept = client.post(
        draft_url(assessment), {"version": assessment.version, "professional_judgement": "Half-written reasons"}
    )
    assert kept.status_code == 200 and kept.json()["saved"] is True
    client.session.flush()  # the session ends (idle timeout)
    client.logout()
    assert client.get(section_url(assessment)).status_code == 302  # to signing in
    assert client.post(draft_url(assessment), {"version": assessment.version}).status_code in (302, 403)
    sign_in(member)
    page = client.get(section_url(assessment)).content.decode()
    assert "You have unsaved changes from" in page and "restored" in page
    assert "Half-written reasons</textarea>" in page
    assert saved(assessment).professional_judgement == ""


def test_saving_the_section_removes_its_draft_and_a_draft_is_logged_once(cast, sign_in, assessment):
    client = sign_in(cast.member("assessor_a"))
    for text in ("First words", "First words and more"):
        client.post(draft_url(assessment), {"version": assessment.version, "professional_judgement": text})
    with scopes_disabled():
        [draft] = Draft.objects.filter(assessment=assessment)
        assert draft.data["professional_judgement"] == ["First words and more"]
        assert AccessEvent.objects.filter(action="assessments.draft_saved", object_id=str(assessment.pk)).count() == 1
    client.post(section_url(assessment), {"version": assessment.version, "professional_judgement": "Final"})
    with scopes_disabled():
        assert not Draft.objects.filter(assessment=assessment).exists()
    assert "You have unsaved changes" not in client.get(section_url(assessment)).content.decode()


def test_a_draft_of_someone_elses_assessment_is_refused(cast, sign_in, assessment):
    client = sign_in(cast.member("assessor_b"))
    assert client.post(draft_url(assessment), {"version": 1, "professional_judgement": "x"}).status_code == 404
    with scopes_disabled():
        assert not Draft.objects.exists()
