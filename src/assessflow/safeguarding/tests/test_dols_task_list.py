"""A DoLS request's six assessments on one task list: each one's status and who made it, a link to record it, and
back to the list once it is recorded; nobody outside the council reaches it."""

import re

import pytest
from django_scopes import scopes_disabled

from assessflow.safeguarding.models import DolsApplication

from .helpers import assess, dols_assessors, name_assessors
from .test_dols_assessors import _fresh, _request, _screened

ORDER = ["Age", "No refusals", "Mental capacity", "Mental health", "Eligibility", "Best interests"]


def tasks(page: str) -> list[tuple[str, str]]:
    """Each task's name and status, in the order listed."""
    items = (
        page.split('<ul class="govuk-task-list">', 1)[1]
        .split("</ul>", 1)[0]
        .split('<li class="govuk-task-list__item')[1:]
    )
    found = []
    for item in items:
        name = re.search(r">([A-Z][a-z ]+ assessment)<", item).group(1)
        status = re.sub(r"<[^>]+>", "", item.split("govuk-task-list__status", 1)[1].split(">", 1)[1]).strip()
        found.append((name, status.split("\n")[0].strip()))
    return found


def test_the_request_links_to_its_task_list_which_waits_for_screening_and_the_assessors(cast, sign_in):
    office = sign_in(cast.member("dols_a"))
    application = _request(office, cast.person_a)
    url = f"/safeguarding/dols/{application.pk}/assessments/"
    assert f'href="{url}"' in office.get(f"/safeguarding/dols/{application.pk}/").content.decode()
    page = office.get(url).content.decode()
    assert tasks(page) == [(f"{name} assessment", "Cannot start yet") for name in ORDER]
    assert "Once the request is screened" in page
    office, application = _screened(cast, sign_in)
    page = office.get(f"/safeguarding/dols/{application.pk}/assessments/").content.decode()
    assert {status for _, status in tasks(page)} == {"Cannot start yet"}
    assert "By the best interests assessor: name them first" in page


def test_the_task_list_shows_each_status_and_updates_once_an_assessment_is_recorded(cast, sign_in):
    office, application = _screened(cast, sign_in)
    bia, doctor = dols_assessors(cast)
    name_assessors(office, application, bia, doctor)
    url = f"/safeguarding/dols/{application.pk}/assessments/"
    page = office.get(url).content.decode()
    assert tasks(page) == [(f"{name} assessment", "Not started") for name in ORDER]
    assert f'href="{url}age/"' in page and f'href="{url}best-interests/"' in page
    assert "0 of 6 assessments completed" in page

    assessor = sign_in(bia)
    response = assess(assessor, _fresh(application), "age")
    assert response.status_code == 302 and response["Location"] == url
    page = assessor.get(url).content.decode()
    assert tasks(page)[0] == ("Age assessment", "Completed")
    assert [status for _, status in tasks(page)[1:]] == ["Not started"] * 5
    assert f"Met: {bia.user.full_name}" in page
    assert "1 of 6 assessments completed" in page
    assert f'href="{url}age/"' not in page, "a recorded assessment is not offered again"
    assert "Age assessment recorded on" in page


def test_each_assessment_asks_only_its_own_questions(cast, sign_in):
    office, application = _screened(cast, sign_in)
    bia, doctor = dols_assessors(cast)
    name_assessors(office, application, bia, doctor)
    url = f"/safeguarding/dols/{application.pk}/assessments/"
    age = office.get(f"{url}age/").content.decode()
    assert 'name="assessed_by"' not in age and 'name="recommended_months"' not in age
    capacity = office.get(f"{url}mental-capacity/").content.decode()
    assert 'name="assessed_by"' in capacity
    best = office.get(f"{url}best-interests/").content.decode()
    met = re.search(r'id="id_met_0"[^>]*data-aria-controls="([^"]+)"', best).group(1)
    assert 'name="recommended_months"' in best.split(f'id="{met}"', 1)[1].split('id="id_met_1"', 1)[0]
    assert "Conditions the best interests assessor recommends (optional)" in best
    assert "Longest period the best interests assessor recommends, in months (optional)" not in best
    # Not met: the recommendation is not asked, so a posted one is neither needed nor kept.
    response = assess(sign_in(bia), _fresh(application), "best_interests", met="no", recommended_months="")
    assert response.status_code == 302
    assert _fresh(application).recommended_months is None


@pytest.mark.parametrize("actor", ["provider_assessor", "referrer_a", "citizen_a"])
def test_no_one_outside_the_council_reaches_the_task_list_or_an_assessment(cast, sign_in, actor):
    office, application = _screened(cast, sign_in)
    bia, doctor = dols_assessors(cast)
    name_assessors(office, application, bia, doctor)
    office.get(f"/safeguarding/dols/{application.pk}/")  # the team's own confirmations, shown to the team
    client = sign_in(cast.member(actor))
    task_list, age = (
        f"/safeguarding/dols/{application.pk}/assessments/",
        f"/safeguarding/dols/{application.pk}/assessments/age/",
    )
    # The task list only shows (a POST is not allowed whoever sends it); the assessment takes a POST too.
    for method, path in ((client.get, task_list), (client.get, age), (client.post, age)):
        response = method(path, {"met": "yes", "finding": "Over 18"})
        assert response.status_code in (403, 404), f"{method.__name__} {path} as {actor}"
        page = response.content.decode()
        assert application.reference not in page and "Age assessment" not in page
    with scopes_disabled():
        assert not DolsApplication.objects.get(pk=application.pk).assessments.exists()


def test_a_request_with_no_urgent_authorisation_keeps_none_of_its_hidden_details(cast, sign_in):
    office = sign_in(cast.member("dols_a"))
    application = _request(
        office,
        cast.person_a,
        urgent="no",
        urgent_given_on_0="1",
        urgent_given_on_1="1",
        urgent_given_on_2="2020",
        urgent_days="9",
    )
    assert (application.urgent_given_on, application.urgent_days) == (None, None)
    page = office.post(
        f"/safeguarding/people/{cast.person_a.pk}/dols/new/",
        {"managing_authority": "Elm Lodge", "setting": "care_home", "reasons": "Locked doors", "urgent": "yes"},
    ).content.decode()
    assert "Enter the date the urgent authorisation was given" in page
    assert "Enter for how many days it was given, from 1 to 7" in page
