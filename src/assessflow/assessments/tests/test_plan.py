"""The support plan as the assessor builds it: lines added, changed and removed, the personal budget and the panel
warning on the plan page, refusals per field, no lost update, every read and change logged, and provider staff kept
to their own organisation's plans."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.assessments.models import Assessment, AssessmentSettings, PlanLine, SupportPlan
from assessflow.audit.models import AccessEvent
from assessflow.tests import factories

pytestmark = pytest.mark.django_db


def provider_case(cast, **extra) -> Assessment:
    """Provider P's assessor's needs assessment of the person handed to P, with eligible needs."""
    with scopes_disabled():
        allocation = factories.AllocationFactory(
            entry__person=cast.person_a_handed,
            entry__council=cast.council_a,
            assessor=cast.member("provider_assessor").user,
            organisation=cast.provider,
        )
        return factories.AssessmentFactory(allocation=allocation, answers=factories.ELIGIBLE_ADULT_ANSWERS, **extra)


def line_data(version: int, **changes) -> dict:
    data = {
        "kind": "home_care",
        "description": "Two calls a day: washing, dressing and meals",
        "provider_name": "Riverside Home Care",
        "starts_on_0": "14",
        "starts_on_1": "12",
        "starts_on_2": "2026",
        "cost_pence": "£25.50",
        "frequency": "week",
        "units": "10",
        "cld_service_type": "Long term support: Community",
        "cld_component": "Home support or domiciliary care",
        "cld_delivery": "CASSR commissioned support",
        "outcomes": ["nutrition", "personal_hygiene"],
        "version": str(version),
    }
    return {**data, **changes}


def plan_url(assessment, name="plan"):
    return reverse(f"assessments:{name}", args=[assessment.pk])


def plan_of(assessment) -> SupportPlan | None:
    with scopes_disabled():
        return SupportPlan.objects.filter(assessment=assessment).first()


def lines_of(assessment) -> list[PlanLine]:
    with scopes_disabled():
        return list(PlanLine.objects.filter(plan__assessment=assessment))


def logged(assessment, action: str) -> list[AccessEvent]:
    with scopes_disabled():
        return list(AccessEvent.objects.filter(person_id=assessment.person_id, action=action).order_by("pk"))


@pytest.fixture
def assessor(cast, sign_in):
    return sign_in(cast.member("provider_assessor"))


def test_the_assessor_adds_a_line_typed_in_pounds_and_it_is_kept_in_pence(cast, assessor):
    assessment = provider_case(cast)
    response = assessor.post(plan_url(assessment, "plan-line"), line_data(0))
    assert response.status_code == 302, response.content.decode()
    [line] = lines_of(assessment)
    assert (line.cost_pence, line.units, line.frequency) == (2_550, 10, "week")
    assert line.starts_on == datetime.date(2026, 12, 14)
    assert line.outcomes == ["nutrition", "personal_hygiene"]
    assert (line.cld_service_type, line.cld_delivery) == ("Long term support: Community", "CASSR commissioned support")
    [change] = logged(assessment, "assessments.plan_saved")
    assert change.kind == AccessEvent.Kind.CHANGE and {"cost_pence", "outcomes", "kind"} <= set(change.fields)
    page = assessor.get(plan_url(assessment)).content.decode()
    assert "£255.00" in page and "Riverside Home Care" in page and "To be assessed" in page


@pytest.mark.parametrize(
    ("typed", "pence"), [("£25.50", 2_550), ("25.5", 2_550), ("1,200", 120_000), ("£1,200.05", 120_005), ("40", 4_000)]
)
def test_amounts_are_read_as_people_type_them(cast, assessor, typed, pence):
    assessment = provider_case(cast)
    assert assessor.post(plan_url(assessment, "plan-line"), line_data(0, cost_pence=typed)).status_code == 302
    assert [line.cost_pence for line in lines_of(assessment)] == [pence]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"cost_pence": ""}, "cost_pence", "Enter the cost per unit"),
        ({"cost_pence": "twenty pounds"}, "cost_pence", "Cost per unit must be an amount in pounds and pence"),
        ({"cost_pence": "25.505"}, "cost_pence", "Cost per unit must be an amount in pounds and pence"),
        ({"cost_pence": "1,20"}, "cost_pence", "Cost per unit must be an amount in pounds and pence"),
        ({"cost_pence": "-£25"}, "cost_pence", "Cost per unit cannot be negative"),
        ({"cost_pence": "0"}, "cost_pence", "Cost per unit must be more than £0"),
        ({"cost_pence": "£2,500,000"}, "cost_pence", "Cost per unit must be £50,000 or less"),
        ({"units": "0"}, "units", "Planned units must be more than 0"),
        ({"units": "5000"}, "units", "Planned units must be 1,000 or fewer"),
        ({"units": "ten"}, "units", "Planned units must be a number"),
        ({"starts_on_0": "31", "starts_on_1": "2"}, "starts_on", "Start date must be a real date"),
        ({"outcomes": []}, "outcomes", "Choose the eligible outcomes this meets"),
        ({"outcomes": ["toilet_needs"]}, "outcomes", "Select a valid choice"),
        ({"cld_service_type": "Long term care"}, "cld_service_type", "Select a valid choice"),
        ({"kind": ""}, "kind", "Choose how the need will be met"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_saved(cast, assessor, changes, field, message):
    assessment = provider_case(cast)
    response = assessor.post(plan_url(assessment, "plan-line"), line_data(0, **changes))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert "There is a problem" in response.content.decode()
    assert lines_of(assessment) == [] and plan_of(assessment) is None


def test_community_services_may_cost_nothing(cast, assessor):
    assessment = provider_case(cast)
    data = line_data(0, kind="community", cost_pence="0", provider_name="Lunch club at St Mary's")
    assert assessor.post(plan_url(assessment, "plan-line"), data).status_code == 302
    assert [line.cost_pence for line in lines_of(assessment)] == [0]


def test_a_line_is_changed_and_removed_with_each_change_logged(cast, assessor):
    assessment = provider_case(cast)
    assessor.post(plan_url(assessment, "plan-line"), line_data(0))
    [line] = lines_of(assessment)
    version = plan_of(assessment).version
    form = assessor.get(plan_url(assessment, "plan-line"), {"line": line.pk}).content.decode()
    assert 'value="25.50"' in form
    response = assessor.post(
        f"{plan_url(assessment, 'plan-line')}?line={line.pk}", line_data(version, units="14", cost_pence="26")
    )
    assert response.status_code == 302
    [line] = lines_of(assessment)
    assert (line.units, line.cost_pence) == (14, 2_600)
    changed = logged(assessment, "assessments.plan_saved")[-1]
    assert set(changed.fields) == {"units", "cost_pence"} and changed.detail["part"] == "line changed"
    response = assessor.post(
        plan_url(assessment, "plan-line-remove"), {"line": line.pk, "version": plan_of(assessment).version}
    )
    assert response.status_code == 302
    assert lines_of(assessment) == []
    assert logged(assessment, "assessments.plan_saved")[-1].detail["part"] == "line removed"


def test_a_stale_save_is_refused_and_overwrites_nothing(cast, assessor):
    assessment = provider_case(cast)
    assessor.post(plan_url(assessment, "plan-line"), line_data(0))
    [line] = lines_of(assessment)
    read = plan_of(assessment).version
    # Someone else changes the plan after this user opened the line's form.
    assessor.post(f"{plan_url(assessment, 'plan-line')}?line={line.pk}", line_data(read, units="12"))
    response = assessor.post(f"{plan_url(assessment, 'plan-line')}?line={line.pk}", line_data(read, units="3"))
    assert response.status_code == 400
    assert "Someone else changed this support plan" in response.content.decode()
    assert 'value="3"' in response.content.decode()  # what they typed is kept
    assert [line.units for line in lines_of(assessment)] == [12]
    # A second first save (both read "no plan yet") does not make a second plan or add to the first.
    assert assessor.post(plan_url(assessment, "plan-line"), line_data(0)).status_code == 400
    assert len(lines_of(assessment)) == 1
    stale_remove = assessor.post(plan_url(assessment, "plan-line-remove"), {"line": line.pk, "version": read})
    assert stale_remove.status_code == 409 and len(lines_of(assessment)) == 1


def test_the_plan_level_decisions_are_saved_with_their_fields_logged(cast, assessor):
    assessment = provider_case(cast)
    data = {"direct_payment": "yes", "carer_willing_and_able": "Her son will go on doing the shopping", "version": "0"}
    assert assessor.post(plan_url(assessment, "plan-details"), data).status_code == 302
    plan = plan_of(assessment)
    assert plan.direct_payment and plan.carer_willing_and_able == "Her son will go on doing the shopping"
    assert set(logged(assessment, "assessments.plan_saved")[-1].fields) == {"direct_payment", "carer_willing_and_able"}
    missing = assessor.post(plan_url(assessment, "plan-details"), {"version": str(plan.version)})
    assert "Say whether the personal budget will be taken as a direct payment" in missing.content.decode()


@pytest.mark.parametrize("status", [Assessment.Status.WITH_QA, Assessment.Status.WITH_PANEL, Assessment.Status.AGREED])
def test_the_plan_cannot_change_outside_the_statuses_that_allow_it(cast, assessor, status):
    assessment = provider_case(cast, status=status)
    response = assessor.post(plan_url(assessment, "plan-line"), line_data(0))
    assert response.status_code == 409 and "cannot change now" in response.content.decode()
    assert lines_of(assessment) == [] and plan_of(assessment) is None
    assert "cannot change now" in assessor.get(plan_url(assessment, "plan-details")).content.decode()
    page = assessor.get(plan_url(assessment)).content.decode()
    assert "Add a service" not in page


def test_a_panel_return_reopens_the_plan(cast, assessor):
    assessment = provider_case(cast, status=Assessment.Status.REPLAN)
    assert assessor.post(plan_url(assessment, "plan-line"), line_data(0)).status_code == 302
    assert len(lines_of(assessment)) == 1


def test_needs_that_are_not_eligible_get_no_plan(cast, assessor):
    answers = {
        "impairment_or_illness": True,
        "outcomes": {"nutrition": ["without_assistance"]},
        "significant_impact": True,
    }
    assessment = provider_case(cast)
    with scopes_disabled():
        Assessment.objects.filter(pk=assessment.pk).update(answers=answers)
    page = assessor.get(plan_url(assessment)).content.decode()
    assert "not eligible" in page and "Add a service" not in page
    assert assessor.post(plan_url(assessment, "plan-line"), line_data(0)).status_code == 409
    assert lines_of(assessment) == []


def test_the_budget_splits_one_offs_and_shows_the_panel_warning_over_the_threshold(cast, assessor):
    assessment = provider_case(cast)
    with scopes_disabled():
        AssessmentSettings.objects.create(council=cast.council_a, panel_threshold_pence=40_000)
        plan = factories.SupportPlanFactory(assessment=assessment, contribution_pence=5_000)
        factories.PlanLineFactory(plan=plan, cost_pence=2_550, units=10)  # £255 a week
        factories.PlanLineFactory(plan=plan, kind="equipment", cost_pence=45_000, units=1, frequency="once")
    page = assessor.get(plan_url(assessment)).content.decode()
    assert "£255.00" in page and "£450.00" in page and f"£{255 * 52 + 450:,}.00" in page
    assert "£205.00" in page  # the council's amount: £255 less the £50 contribution
    assert "This plan will go to the funding panel" not in page
    with scopes_disabled():
        factories.PlanLineFactory(plan=plan, kind="day_opportunities", cost_pence=16_000, units=1)
    page = assessor.get(plan_url(assessment)).content.decode()
    assert "This plan will go to the funding panel" in page and "£400.00" in page


# The plan page's queries: the session, the role and the person's page (as every page about a person), the
# assessment, the plan, its lines and the council's settings, and the access-log entry. Lines add none.
PLAN_PAGE_QUERIES = 17


@pytest.mark.parametrize("lines", [0, 1, 12])
def test_the_plan_page_runs_the_same_queries_whatever_the_number_of_lines(
    cast, assessor, django_assert_num_queries, lines
):
    assessment = provider_case(cast)
    with scopes_disabled():
        plan = factories.SupportPlanFactory(assessment=assessment)
        factories.PlanLineFactory.create_batch(lines, plan=plan)
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        assert assessor.get(plan_url(assessment)).status_code == 200


def test_every_read_of_the_plan_is_logged(cast, assessor):
    assessment = provider_case(cast)
    assessor.get(plan_url(assessment))
    assessor.get(plan_url(assessment, "plan-line"))
    assessor.get(plan_url(assessment, "plan-details"))
    views = logged(assessment, "assessments.plan_viewed")
    assert [(e.kind, e.person_id) for e in views] == [(AccessEvent.Kind.VIEW, cast.person_a_handed.pk)] * 3


@pytest.mark.parametrize("actor", ["provider_q_assessor", "provider_q_team_manager", "assessor_b", "team_manager_b"])
def test_no_one_outside_the_organisation_sees_or_changes_the_plan(cast, sign_in, actor):
    assessment = provider_case(cast)
    with scopes_disabled():
        plan = factories.SupportPlanFactory(assessment=assessment)
        line = factories.PlanLineFactory(plan=plan)
    client = sign_in(cast.member(actor))
    assert client.get(plan_url(assessment)).status_code == 404
    # An assessor is not found the plan; a manager, who changes no plan, is refused before the plan is looked for.
    refused = 404 if "assessor" in actor else 403
    for name in ("plan-line", "plan-details"):
        assert client.get(plan_url(assessment, name)).status_code == refused
    assert client.post(plan_url(assessment, "plan-line"), line_data(plan.version)).status_code == refused
    removed = client.post(plan_url(assessment, "plan-line-remove"), {"line": line.pk, "version": plan.version})
    assert removed.status_code == refused
    assert len(lines_of(assessment)) == 1
    assert logged(assessment, "assessments.plan_viewed") == []


def test_the_providers_manager_sees_the_plan_but_only_assessors_change_it(cast, sign_in):
    assessment = provider_case(cast)
    manager = sign_in(cast.member("provider_team_manager"))
    page = manager.get(plan_url(assessment))
    assert page.status_code == 200 and "Add a service" not in page.content.decode()
    assert manager.post(plan_url(assessment, "plan-line"), line_data(0)).status_code == 403
    assert sign_in(cast.member("provider_contract_manager")).get(plan_url(assessment)).status_code == 403


def test_a_line_of_another_plan_is_not_found_through_this_one(cast, assessor):
    assessment = provider_case(cast)
    with scopes_disabled():
        factories.SupportPlanFactory(assessment=assessment)
        elsewhere = factories.PlanLineFactory()
    assert assessor.get(plan_url(assessment, "plan-line"), {"line": elsewhere.pk}).status_code == 404
    removed = assessor.post(plan_url(assessment, "plan-line-remove"), {"line": elsewhere.pk, "version": 1})
    assert removed.status_code == 404
    with scopes_disabled():
        assert PlanLine.objects.filter(pk=elsewhere.pk).exists()


def test_the_assessment_page_links_to_its_plan(cast, assessor):
    assessment = provider_case(cast)
    page = assessor.get(reverse("assessments:assessment", args=[assessment.pk])).content.decode()
    assert f'href="{plan_url(assessment)}"' in page and "Support plan and personal budget" in page
