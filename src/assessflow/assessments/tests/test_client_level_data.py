"""What an assessment says in the Client Level Data return: every value from the release's lists, worked out from
what was recorded."""

import pytest

from assessflow import cld
from assessflow.assessments import client_level_data as facts_of
from assessflow.assessments.client_level_data import facts

NEEDS, CARERS = "needs_assessment", "carers_assessment"


def make(**given):
    answers = {
        "kind": NEEDS,
        "term": "long_term",
        "combined": False,
        "took_part": ["person"],
        "eligible": None,
        "agreed": False,
        "carer": {},
    }
    return facts(**{**answers, **given})


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"term": "long_term"}, "Long term assessment"),
        ({"term": "short_term"}, "Short term assessment"),
        ({"kind": "reassessment", "term": "long_term"}, "Long term assessment"),
        ({"kind": CARERS}, "Unpaid carer assessment"),
        ({"kind": CARERS, "combined": True}, "Joint unpaid carer assessment"),
    ],
)
def test_the_assessment_type(given, expected):
    assert make(**given).assessment_type == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"took_part": ["person"]}, "Service user only"),
        ({"took_part": ["person", "family"]}, "Service user only"),
        ({"took_part": ["person", "carer"]}, "Service user and carer"),
        ({"took_part": ["person"], "combined": True}, "Service user and carer"),
        ({"kind": CARERS, "took_part": ["carer"]}, "Carer only"),
        ({"kind": CARERS, "took_part": ["carer", "person"]}, "Service user and carer"),
        ({"kind": CARERS, "took_part": [], "combined": True}, "Service user and carer"),
    ],
)
def test_the_method_is_who_was_assessed(given, expected):
    assert make(**given).method_of_assessment == expected


def test_eligibility_and_outcome_wait_for_the_determination_and_the_agreement():
    assert (make().eligible_needs_identified, make().event_outcome) == ("", "")
    submitted = make(eligible=True)
    assert (submitted.eligible_needs_identified, submitted.event_outcome) == ("Yes", "")
    assert make(eligible=True, agreed=True).event_outcome == "Progress to support planning or services"
    assert make(eligible=True, agreed=True, term="short_term").event_outcome == "Progress to reablement/ST-Max"
    none = make(eligible=False, agreed=True)
    assert (none.eligible_needs_identified, none.event_outcome) == ("No", "NFA: Information and advice or signposting")


def test_a_carers_hours_and_adults_are_reported_for_a_carer_only():
    carer = {"hours_a_week": 35, "adults_cared_for": 2}
    assert (make(kind=CARERS, carer=carer).hours_caring_a_week, make(kind=CARERS, carer=carer).adults_cared_for) == (
        35,
        2,
    )
    assert make(carer=carer).hours_caring_a_week is None


def test_every_value_given_is_on_the_releases_list():
    for kind in (NEEDS, CARERS):
        for term in ("short_term", "long_term"):
            for eligible in (True, False):
                for took_part in (["person"], ["carer"], ["person", "carer"]):
                    found = make(kind=kind, term=term, eligible=eligible, agreed=True, took_part=took_part)
                    assert found.assessment_type in cld.values("assessment_type")
                    assert found.method_of_assessment in cld.values("method_of_assessment")
                    assert found.eligible_needs_identified in cld.values("eligible_needs_identified")
                    assert found.event_outcome in cld.values("event_outcome")


def test_a_value_off_the_list_is_refused():
    with pytest.raises(ValueError, match="not a Client Level Data assessment type"):
        facts_of.AssessmentFacts("Medium term assessment", "Carer only", "", "")


@pytest.mark.django_db
def test_the_assessment_page_shows_what_the_return_will_say(cast, sign_in):
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from assessflow.tests import factories

    assessor = cast.member("assessor_a")
    with scopes_disabled():
        assessment = factories.AssessmentFactory(
            allocation__entry__person=cast.person_a, allocation__assessor=assessor.user, took_part=["person", "carer"]
        )
    page = sign_in(assessor).get(reverse("assessments:assessment", args=[assessment.pk])).content.decode()
    shown = page[page.index('id="client-level-data"') :]
    assert "Long term assessment" in shown and "Service user and carer" in shown
    assert "Once the assessment is submitted" in shown
