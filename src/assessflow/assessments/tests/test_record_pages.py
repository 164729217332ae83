"""The assessor's pages: starting from the caseload or the entry, the task list with the live determination, each
section's questions and errors, the carer's offer, submitting, raising a concern, and the pages' fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.assessments.models import Assessment, AssessmentSettings, Check
from assessflow.audit.models import AccessEvent
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.people.models import Person, TimelineEntry
from assessflow.tests import factories
from assessflow.waiting.models import WaitingListEntry

pytestmark = pytest.mark.django_db


def allocated(cast, *, member="assessor_a", person=None, organisation=None, work_type="needs_assessment"):
    with scopes_disabled():
        return factories.AllocationFactory(
            entry__person=person or cast.person_a,
            entry__council=cast.council_a,
            entry__work_type=work_type,
            assessor=cast.member(member).user,
            organisation=organisation or cast.council_a,
        )


def council_case(cast, **extra) -> Assessment:
    with scopes_disabled():
        return factories.AssessmentFactory(allocation=allocated(cast), **extra)


def page_of(assessment) -> str:
    return reverse("assessments:assessment", args=[assessment.pk])


def section_url(assessment, slug: str) -> str:
    return reverse("assessments:section", args=[assessment.pk, slug])


def fresh(assessment) -> Assessment:
    with scopes_disabled():
        return Assessment.objects.get(pk=assessment.pk)


def logged(assessment, action):
    with scopes_disabled():
        return list(AccessEvent.objects.filter(action=action, object_id=str(assessment.pk)).order_by("pk"))


def test_the_caseload_starts_the_work_and_then_continues_it(cast, sign_in):
    allocation = allocated(cast)
    client = sign_in(cast.member("assessor_a"))
    caseload = client.get(reverse("allocation:caseload")).content.decode()
    start_url = reverse("assessments:start", args=[allocation.entry_id])
    assert f'action="{start_url}"' in caseload and "Start assessment" in caseload
    response = client.post(start_url, follow=True)
    with scopes_disabled():
        assessment = Assessment.objects.get(entry=allocation.entry)
        assert PathwayEvent.objects.filter(person_id=cast.person_a.pk, event_type=EventType.ASSESSMENT_STARTED).exists()
    assert response.redirect_chain[-1][0] == page_of(assessment)
    assert "Needs assessment started" in response.content.decode()
    caseload = client.get(reverse("allocation:caseload")).content.decode()
    assert "Continue assessment" in caseload and page_of(assessment) in caseload
    # A second press goes back to the same assessment rather than opening another.
    assert client.post(start_url)["Location"] == page_of(assessment)


def test_the_entry_page_offers_the_start_only_to_the_allocated_assessor(cast, sign_in):
    allocation = allocated(cast)
    entry_url = reverse("waiting:entry", args=[allocation.entry_id])
    start_url = reverse("assessments:start", args=[allocation.entry_id])
    assert start_url in sign_in(cast.member("assessor_a")).get(entry_url).content.decode()
    other = factories.MembershipFactory(organisation=cast.council_a, role="assessor", qualification="social_worker")
    client = sign_in(other)
    assert start_url not in client.get(entry_url).content.decode()
    assert client.post(start_url).status_code == 404


def test_the_task_list_shows_each_section_and_the_determination_once_the_answers_allow(cast, sign_in):
    assessment = council_case(cast, answers={})
    client = sign_in(cast.member("assessor_a"))
    page = client.get(page_of(assessment)).content.decode()
    for title in (
        "How the assessment was done",
        "Outcomes",
        "Impairment or illness",
        "Wellbeing",
        "Fluctuating needs",
        "Information, advice and prevention",
        "Professional judgement",
    ):
        assert title in page
    assert "The person cared for" not in page  # a carer's section
    assert "The determination appears here once these are recorded" in page
    with scopes_disabled():
        Assessment.objects.filter(pk=assessment.pk).update(answers=factories.ELIGIBLE_ADULT_ANSWERS)
    page = client.get(page_of(assessment)).content.decode()
    assert "The needs meet the eligibility criteria" in page
    assert "reg 2(1)(b)" in page and "cannot be changed by the assessor" in page
    assert logged(assessment, "assessments.viewed")


def test_a_section_is_checked_per_field_and_saved_with_the_fields_it_changed(cast, sign_in):
    assessment = council_case(cast, answers={})
    client = sign_in(cast.member("assessor_a"))
    url = section_url(assessment, "fluctuating")
    refused = client.post(url, {"version": assessment.version, "fluctuating": "yes"})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "There is a problem" in text and "Enter the period over which the needs were considered" in text
    saved = client.post(url, {"version": assessment.version, "fluctuating": "yes", "period_considered": "3 months"})
    assert saved.status_code == 302
    after = fresh(assessment)
    assert after.answers == {"fluctuating": True, "period_considered": "3 months"}
    assert after.version == assessment.version + 1
    [event] = logged(assessment, "assessments.section_saved")
    assert set(event.fields) == {"fluctuating", "period_considered"} and event.detail == {"section": "fluctuating"}
    page = client.get(page_of(assessment)).content.decode()
    assert 'id="section-fluctuating-status">Completed' in page


def test_long_text_over_its_limit_is_refused_naming_the_limit(cast, sign_in):
    assessment = council_case(cast)
    client = sign_in(cast.member("assessor_a"))
    response = client.post(
        section_url(assessment, "judgement"), {"version": assessment.version, "professional_judgement": "x" * 4001}
    )
    assert response.status_code == 400
    assert "must be 4000 characters or fewer" in response.content.decode()
    assert fresh(assessment).professional_judgement == ""


def test_outcomes_are_recorded_in_the_ways_of_the_regulations(cast, sign_in):
    assessment = council_case(cast, answers={})
    client = sign_in(cast.member("assessor_a"))
    form = client.get(section_url(assessment, "outcomes")).content.decode()
    assert "the health or safety of the adult or of others" in form
    assert "takes significantly longer" in form
    client.post(
        section_url(assessment, "outcomes"),
        {
            "version": assessment.version,
            "outcome_nutrition": ["without_assistance"],
            "outcome_toilet_needs": ["endangers", "slowly"],
            "carer_meets_needs": "yes",
        },
    )
    assert fresh(assessment).answers == {
        "outcomes": {"nutrition": ["without_assistance"], "toilet_needs": ["endangers", "slowly"]},
        "carer_meets_needs": True,
    }


def test_a_carers_assessment_asks_the_carers_questions(cast, sign_in):
    with scopes_disabled():
        cared_for = factories.PersonFactory(council=cast.council_a, given_name="Iris", family_name="Caredfor")
        factories.RelationshipFactory(person=cared_for, kind="carer", related_person=cast.person_a, name="")
    assessment = council_case(cast, kind="carers_assessment", answers={})
    client = sign_in(cast.member("assessor_a"))
    outcomes = client.get(section_url(assessment, "outcomes")).content.decode()
    assert "of the carer or of others" in outcomes and "takes significantly longer" not in outcomes
    assert "Engaging in recreational activities" in outcomes
    choose = client.get(section_url(assessment, "cared-for")).content.decode()
    assert "Iris" in choose
    client.post(section_url(assessment, "cared-for"), {"version": assessment.version, "cared_for": cared_for.pk})
    refused = client.post(section_url(assessment, "caring"), {"version": assessment.version + 1, "hours_a_week": "200"})
    assert "Hours of care a week must be 168 or fewer" in refused.content.decode()
    client.post(
        section_url(assessment, "caring"),
        {"version": assessment.version + 1, "willing_and_able": "some", "hours_a_week": "35", "adults_cared_for": "1"},
    )
    after = fresh(assessment)
    assert after.cared_for_id == cared_for.pk
    assert after.carer["hours_a_week"] == 35 and after.carer["willing_and_able"] == "some"


def test_an_unpaid_carer_is_offered_an_assessment_once(cast, sign_in):
    with scopes_disabled():
        carer = factories.PersonFactory(council=cast.council_a, given_name="Colin", family_name="Keeper")
        factories.RelationshipFactory(person=cast.person_a, kind="carer", related_person=carer, name="")
    assessment = council_case(cast)
    client = sign_in(cast.member("assessor_a"))
    page = client.get(page_of(assessment)).content.decode()
    assert "Offer Colin Keeper a carer" in page
    with scopes_disabled():
        relationship = carer.related_to.get()
    offer = reverse("assessments:offer-carer", args=[assessment.pk])
    client.post(offer, {"relationship": relationship.pk})
    client.post(offer, {"relationship": relationship.pk})
    with scopes_disabled():
        assert WaitingListEntry.objects.filter(person=carer, work_type="carers_assessment").count() == 1
    assert "Offer Colin Keeper a carer" not in client.get(page_of(assessment)).content.decode()
    assert len(logged(assessment, "assessments.carer_offered")) == 1


def _name_only_carer(cast, person, name="Mrs Jean Ann Keeper"):
    with scopes_disabled():
        return factories.RelationshipFactory(
            person=person, kind="carer", related_person=None, name=name, phone="07700 900123", provides_unpaid_care=True
        )


def test_a_carer_named_only_by_name_gets_their_own_record_and_a_place_on_the_list_once(cast, sign_in):
    relationship = _name_only_carer(cast, cast.person_a)
    assessment = council_case(cast)
    client = sign_in(cast.member("assessor_a"))
    assert "Offer Mrs Jean Ann Keeper a carer" in client.get(page_of(assessment)).content.decode()
    offer = reverse("assessments:offer-carer", args=[assessment.pk])
    client.post(offer, {"relationship": relationship.pk})
    client.post(offer, {"relationship": relationship.pk})  # a double click, or a second tab
    with scopes_disabled():
        relationship.refresh_from_db()
        carer = relationship.related_person
        assert (carer.council_id, carer.title, carer.given_name, carer.family_name, carer.phone) == (
            cast.council_a.pk,
            "Mrs",
            "Jean Ann",
            "Keeper",
            "07700 900123",
        )
        assert carer.nhs_number == "" and carer.date_of_birth is None
        assert TimelineEntry.objects.filter(person=carer, title="Record created").count() == 1
        assert WaitingListEntry.objects.filter(person=carer, work_type="carers_assessment").count() == 1
        assert Person.objects.filter(family_name="Keeper").count() == 1
    assert len(logged(assessment, "assessments.carer_offered")) == 1
    page = client.get(page_of(assessment)).content.decode()
    assert "Offer Mrs Jean Ann Keeper a carer" not in page and "Offer Jean Ann Keeper a carer" not in page
    carer_page = client.get(reverse("people:detail", args=[carer.pk])).content.decode()
    assert "Jean Ann Keeper" in carer_page and "Not known" in carer_page


def test_a_carer_known_by_one_name_only_is_not_given_an_invented_one(cast, sign_in):
    relationship = _name_only_carer(cast, cast.person_a, name="Jean")
    assessment = council_case(cast)
    client = sign_in(cast.member("assessor_a"))
    response = client.post(
        reverse("assessments:offer-carer", args=[assessment.pk]), {"relationship": relationship.pk}, follow=True
    )
    assert "first and last names" in response.content.decode()
    with scopes_disabled():
        relationship.refresh_from_db()
        assert relationship.related_person_id is None
        assert not WaitingListEntry.objects.filter(work_type="carers_assessment").exists()


def test_a_providers_assessor_offers_the_carer_whose_record_stays_with_the_council(cast, sign_in):
    relationship = _name_only_carer(cast, cast.person_a_handed, name="Peter Handley")
    with scopes_disabled():
        allocation = allocated(
            cast, member="provider_assessor", person=cast.person_a_handed, organisation=cast.provider
        )
        assessment = factories.AssessmentFactory(allocation=allocation)
    client = sign_in(cast.member("provider_assessor"))
    client.post(reverse("assessments:offer-carer", args=[assessment.pk]), {"relationship": relationship.pk})
    with scopes_disabled():
        relationship.refresh_from_db()
        carer = relationship.related_person
        assert carer.council_id == cast.council_a.pk and not carer.handovers.exists()
        assert WaitingListEntry.objects.filter(person=carer, work_type="carers_assessment").count() == 1
    carer_page = reverse("people:detail", args=[carer.pk])
    for member in ("provider_assessor", "provider_q_assessor"):
        assert sign_in(cast.member(member)).get(carer_page).status_code == 404
    assert sign_in(cast.member("assessor_a")).get(carer_page).status_code == 200


def test_submitting_shows_what_stops_it_and_then_leaves_the_sections_read_only(cast, sign_in):
    assessment = council_case(cast, answers={})
    client = sign_in(cast.member("assessor_a"))
    submit = reverse("assessments:submit", args=[assessment.pk])
    refused = client.post(submit, {"version": assessment.version})
    assert refused.status_code == 400 and "There is a problem" in refused.content.decode()
    with scopes_disabled():
        Assessment.objects.filter(pk=assessment.pk).update(
            answers={**factories.ELIGIBLE_ADULT_ANSWERS, "outcomes": {}}, advice_given="Leaflets on local lunch clubs"
        )
        AssessmentSettings.objects.create(council=cast.council_a, qa_work_types=["reassessment"])
    response = client.post(submit, {"version": fresh(assessment).version})
    assert response.status_code == 302
    moved = fresh(assessment)
    assert moved.status != Assessment.Status.IN_PROGRESS and moved.determination["eligible"] is False
    section = client.get(section_url(moved, "advice")).content.decode()
    assert "Leaflets on local lunch clubs" in section and "<textarea" not in section
    assert client.post(section_url(moved, "advice"), {"version": moved.version}).status_code == 400


def test_a_concern_raised_from_the_assessment_says_so(cast, sign_in):
    assessment = council_case(cast)
    page = sign_in(cast.member("assessor_a")).get(page_of(assessment)).content.decode()
    assert f"origin=assessment&amp;origin_id={assessment.pk}" in page


def test_a_team_manager_reads_but_does_not_change(cast, sign_in):
    assessment = council_case(cast)
    client = sign_in(cast.member("team_manager_a"))
    assert client.get(page_of(assessment)).status_code == 200
    assert "Submit the assessment" not in client.get(page_of(assessment)).content.decode()
    assert client.post(section_url(assessment, "judgement"), {"version": 1}).status_code == 403


@pytest.mark.parametrize("actor,status", [("provider_q_assessor", 404), ("assessor_b", 404), ("panel_member_a", 403)])
def test_others_do_not_reach_the_providers_assessment(cast, sign_in, actor, status):
    with scopes_disabled():
        assessment = factories.AssessmentFactory(
            allocation=allocated(
                cast, member="provider_assessor", person=cast.person_a_handed, organisation=cast.provider
            )
        )
    assert sign_in(cast.member("provider_assessor")).get(page_of(assessment)).status_code == 200
    client = sign_in(cast.member(actor))
    assert client.get(page_of(assessment)).status_code == status
    assert client.get(section_url(assessment, "how")).status_code == status


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_pages_run_the_same_queries_whatever_the_size_of_the_case(cast, sign_in, django_assert_num_queries):
    assessment = council_case(cast, answers=factories.ELIGIBLE_ADULT_ANSWERS)
    client = sign_in(cast.member("assessor_a"))
    client.get(page_of(assessment))  # the session and the role, read once
    small = {url: _queries(client, url) for url in (page_of(assessment), section_url(assessment, "outcomes"))}
    with scopes_disabled():
        for n in range(6):
            carer = factories.PersonFactory(council=cast.council_a)
            factories.RelationshipFactory(person=cast.person_a, kind="carer", related_person=carer, name="")
            Check.objects.create(
                council=cast.council_a,
                assessment=assessment,
                stage="council_qa",
                outcome="returned",
                reasons={"outcomes": f"Say more, {n}"},
                decided_by=cast.member("team_manager_a").user,
            )
        Assessment.objects.filter(pk=assessment.pk).update(
            answers={
                **factories.ELIGIBLE_ADULT_ANSWERS,
                "outcomes": {k: ["slowly"] for k in ("nutrition", "clothing", "toilet_needs")},
            }
        )
    for url, count in small.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def test_the_person_cared_for_is_found_by_search_within_what_the_role_may_see(cast, sign_in):
    with scopes_disabled():
        allocation = allocated(
            cast,
            member="provider_assessor",
            person=cast.person_a_handed,
            organisation=cast.provider,
            work_type="carers_assessment",
        )
        assessment = factories.AssessmentFactory(allocation=allocation, answers={})
    client = sign_in(cast.member("provider_assessor"))
    url = section_url(assessment, "cared-for")
    hidden = client.get(url, {"family_name": cast.person_a.family_name}).content.decode()
    assert "No one found" in hidden and cast.person_a.given_name not in hidden
    assert client.post(url, {"version": assessment.version, "cared_for": cast.person_a.pk}).status_code == 400
    assert fresh(assessment).cared_for_id is None
    with scopes_disabled():
        searched = AccessEvent.objects.filter(
            kind=AccessEvent.Kind.SEARCH, actor_id=cast.member("provider_assessor").user.pk
        )
        assert searched.exists()
    council_client = sign_in(cast.member("assessor_a"))
    with scopes_disabled():
        own = factories.AssessmentFactory(allocation=allocated(cast, work_type="carers_assessment"), answers={})
    found = council_client.get(section_url(own, "cared-for"), {"family_name": cast.citizen_person_a.family_name})
    assert cast.citizen_person_a.full_name in found.content.decode()
    council_client.post(section_url(own, "cared-for"), {"version": own.version, "cared_for": cast.citizen_person_a.pk})
    assert fresh(own).cared_for_id == cast.citizen_person_a.pk
