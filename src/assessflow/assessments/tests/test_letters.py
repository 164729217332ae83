"""The determination and its reasons in writing (s.13(2)) and a copy of the assessment (s.12(3)): PDFs filed on the
person's record from the stored determination, once per submission, logged."""

import io
import uuid

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from pypdf import PdfReader

from assessflow.assessments.services.letters import Letter, letter_html, produce
from assessflow.assessments.services.progress import determine
from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.casework.models import Document
from assessflow.tests import factories

pytestmark = pytest.mark.django_db

NOT_ELIGIBLE = {"impairment_or_illness": True, "outcomes": {"nutrition": ["slowly"]}, "significant_impact": False}


def submitted(cast, *, answers=factories.ELIGIBLE_ADULT_ANSWERS, status="agreed", **fields):
    with scopes_disabled():
        assessment = factories.AssessmentFactory(
            allocation__entry__person=cast.person_a,
            allocation__assessor=cast.member("assessor_a").user,
            status=status,
            answers=answers,
            what_matters="Getting back to the allotment",
            **fields,
        )
        assessment.determination = determine(assessment).as_dict()
        assessment.save()
    return assessment


def text_of(document) -> str:
    with document.file.open("rb") as pdf:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read())).pages)


def test_the_decision_letter_is_filed_once_with_its_reasons(cast):
    assessment = submitted(cast)
    member = cast.member("assessor_a")
    actor = Actor(user=member.user, membership=member)
    submission = uuid.uuid4()
    with scopes_disabled():
        letter = produce(actor=actor, assessment=assessment, letter=Letter.DETERMINATION, submission_id=submission)
        again = produce(actor=actor, assessment=assessment, letter=Letter.DETERMINATION, submission_id=submission)
        assert letter.pk == again.pk and letter.category == Document.Category.LETTER
        assert letter.person_id == cast.person_a.pk and letter.content_type == "application/pdf"
        text = " ".join(text_of(letter).split())
        produced = AccessEvent.objects.filter(action="assessments.letter_produced", object_id=str(assessment.pk))
        assert produced.count() == 1
    assert "The needs meet the eligibility criteria" in text
    assert "reg 2(1)(a): met" in text and "related to a physical or mental impairment or illness" in text
    assert "managing and maintaining nutrition" in text and "Care Act 2014, section 13" in text


def test_no_eligible_needs_are_written_with_the_advice_and_the_prevention_offer(cast):
    assessment = submitted(
        cast,
        answers=NOT_ELIGIBLE,
        advice_given="Age UK's befriending service",
        prevention_offer="A falls prevention class at the leisure centre",
    )
    member = cast.member("assessor_a")
    with scopes_disabled():
        html = letter_html(
            assessment=assessment,
            letter=Letter.DETERMINATION,
            actor=Actor(user=member.user, membership=member),
            large_print=False,
        )
    assert "do not meet the eligibility criteria" in html
    assert "reg 2(1)(b): not met" in html and "reg 2(1)(c): not met" in html
    assert "befriending service" in html and "A falls prevention class at the leisure centre" in html


def test_the_copy_of_the_assessment_holds_what_was_recorded_in_large_print(cast, sign_in):
    assessment = submitted(cast)
    client = sign_in(cast.member("assessor_a"))
    page = client.get(reverse("assessments:letters", args=[assessment.pk]))
    assert page.status_code == 200 and "Produce a copy of the assessment" in page.content.decode()

    response = client.post(
        reverse("assessments:letter-copy", args=[assessment.pk]),
        {"large_print": "on", "submission_id": str(uuid.uuid4())},
    )
    with scopes_disabled():
        letter = Document.objects.get(person=cast.person_a, title__startswith="A copy of your assessment")
        text = " ".join(text_of(letter).split())
    assert response["Location"] == reverse("casework:letter", args=[letter.pk])
    assert letter.title.endswith("(large print)")
    assert "Getting back to the allotment" in text and "Not eating properly" in text
    assert "The needs meet the eligibility criteria" in text


def test_no_letter_before_the_assessment_is_submitted(cast, sign_in):
    assessment = submitted(cast, status="in_progress")
    client = sign_in(cast.member("assessor_a"))
    response = client.post(
        reverse("assessments:letter-determination", args=[assessment.pk]), {"submission_id": str(uuid.uuid4())}
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert not Document.objects.filter(person=cast.person_a, title__startswith="Your eligibility").exists()


@pytest.mark.parametrize(
    ("member", "status"), [("panel_member_a", 403), ("provider_assessor", 404), ("assessor_b", 404)]
)
def test_only_those_who_work_the_assessment_produce_its_letters(cast, sign_in, member, status):
    assessment = submitted(cast)
    response = sign_in(cast.member(member)).post(
        reverse("assessments:letter-determination", args=[assessment.pk]), {"submission_id": str(uuid.uuid4())}
    )
    assert response.status_code == status
    with scopes_disabled():
        assert not Document.objects.filter(person=cast.person_a, title__startswith="Your eligibility").exists()
