"""The council's assessment settings: which work goes to quality assurance, the panel threshold typed in pounds, and
when reviews fall; only the council's administrator changes them, each council its own, and every save is logged."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.assessments.check_forms import pence_from_pounds
from assessflow.assessments.models import AssessmentSettings
from assessflow.audit.models import AccessEvent

pytestmark = pytest.mark.django_db

PATH = "/assessments/settings/"


def form(**changes) -> dict:
    data = {"panel_threshold": "£495", "first_review_weeks": "6", "review_interval_months": "12"}
    return {**data, **changes}


def saved(council) -> AssessmentSettings:
    with scopes_disabled():
        return AssessmentSettings.objects.get(council=council)


@pytest.mark.parametrize(
    ("typed", "pence"),
    [("£495", 49_500), ("495.00", 49_500), ("495", 49_500), (" £1,250.5 ", 125_050), ("0", 0), ("£495.99", 49_599)],
)
def test_the_threshold_is_read_as_typed_in_pounds(typed, pence):
    assert pence_from_pounds(typed) == pence


@pytest.mark.parametrize("typed", ["abc", "£", "495.999", "-5", "£4 9 5p", "495 pounds", "£200,000"])
def test_a_threshold_that_is_not_an_amount_in_pounds_is_refused(typed):
    from django import forms

    with pytest.raises(forms.ValidationError):
        pence_from_pounds(typed)


def test_the_link_is_on_the_administrators_settings_page(cast, sign_in):
    page = sign_in(cast.member("council_admin_a")).get(reverse("administration")).content.decode()
    assert f'href="{PATH}"' in page
    assert f'href="{PATH}"' not in sign_in(cast.member("team_manager_a")).get(reverse("home")).content.decode()


def test_the_administrator_sets_qa_the_threshold_and_reviews(cast, sign_in):
    client = sign_in(cast.member("council_admin_a"))
    page = client.get(PATH)
    assert page.status_code == 200 and 'value="£495"' in page.content.decode()
    response = client.post(
        PATH,
        form(
            qa_work_types=["needs_assessment", "carers_assessment"],
            qa_qualifications=["unqualified", "trusted_assessor"],
            panel_threshold="600.50",
            first_review_weeks="8",
            review_interval_months="6",
        ),
    )
    assert response.status_code == 302
    found = saved(cast.council_a)
    assert found.qa_work_types == ["needs_assessment", "carers_assessment"]
    assert found.qa_qualifications == ["unqualified", "trusted_assessor"]
    assert (found.panel_threshold_pence, found.first_review_weeks, found.review_interval_months) == (60_050, 8, 6)
    with scopes_disabled():
        [entry] = AccessEvent.objects.filter(action="assessments.settings_saved")
        assert entry.council_id == cast.council_a.pk
        assert {"qa_work_types", "qa_qualifications", "panel_threshold_pence", "first_review_weeks"} <= set(
            entry.fields
        )
        assert not AssessmentSettings.objects.filter(council=cast.council_b).exists()


def test_choosing_nothing_sends_everything_to_qa_and_an_unchanged_threshold_is_not_logged_as_changed(cast, sign_in):
    client = sign_in(cast.member("council_admin_a"))
    assert client.post(PATH, form(panel_threshold="495.00")).status_code == 302
    found = saved(cast.council_a)
    assert (found.qa_work_types, found.qa_qualifications, found.panel_threshold_pence) == ([], [], 49_500)
    with scopes_disabled():
        [entry] = AccessEvent.objects.filter(action="assessments.settings_saved")
    assert "panel_threshold_pence" not in entry.fields


def test_bad_answers_get_an_error_by_each_field_and_nothing_is_saved(cast, sign_in):
    client = sign_in(cast.member("council_admin_a"))
    response = client.post(
        PATH, form(panel_threshold="lots", first_review_weeks="0", review_interval_months="", qa_work_types=["x"])
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    for message in (
        "Enter the threshold in pounds, like £495 or 495.00",
        "Enter a number of weeks from 1 to 52",
        "Enter how many months apart later reviews fall",
    ):
        assert message in page
    assert 'href="#id_panel_threshold"' in page and 'href="#id_qa_work_types_0"' in page
    with scopes_disabled():
        assert not AssessmentSettings.objects.exists()
        assert not AccessEvent.objects.filter(action="assessments.settings_saved").exists()


@pytest.mark.parametrize("role", ["team_manager_a", "assessor_a", "provider_contract_manager", "provider_team_manager"])
def test_only_the_councils_administrator_changes_the_settings(cast, sign_in, role):
    client = sign_in(cast.member(role))
    assert client.get(PATH).status_code == 403
    assert client.post(PATH, form(panel_threshold="1")).status_code == 403
    with scopes_disabled():
        assert not AssessmentSettings.objects.exists()


def test_each_council_changes_only_its_own(cast, sign_in):
    with scopes_disabled():
        AssessmentSettings.objects.create(council=cast.council_a, panel_threshold_pence=70_000)
    client = sign_in(cast.member("council_admin_b"))
    page = client.get(PATH).content.decode()
    assert 'value="£495"' in page and "£700" not in page
    assert client.post(PATH, form(panel_threshold="£300")).status_code == 302
    assert saved(cast.council_a).panel_threshold_pence == 70_000
    assert saved(cast.council_b).panel_threshold_pence == 30_000
