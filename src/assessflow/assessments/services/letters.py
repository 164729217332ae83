"""The assessment's letters: the determination and its reasons in writing (Care Act s.13(2)), and a copy of the
assessment on request (s.12(3)), written from what is stored and filed on the person's record as tagged PDFs."""

import uuid
from enum import StrEnum

from django.db import transaction
from django.template.loader import render_to_string
from weasyprint import HTML

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.casework.models import Document
from assessflow.casework.selectors import settings_for as casework_settings
from assessflow.casework.services.documents import store_generated
from assessflow.casework.services.letters import merge_values, split_signoff
from assessflow.pathway.transitions import IllegalMove

from .. import eligibility
from ..actions import AccessAction
from ..models import Assessment, Method
from ..moves import EDITABLE


class Letter(StrEnum):
    DETERMINATION = "determination"
    COPY = "copy"


TITLES = {
    Letter.DETERMINATION: "Your eligibility decision and the reasons for it",
    Letter.COPY: "A copy of your assessment",
}


def may_produce(assessment: Assessment) -> bool:
    """Once submitted the determination is stored; before that there is nothing to write from."""
    return (
        assessment.status not in EDITABLE
        and assessment.status != Assessment.Status.CLOSED
        and bool(assessment.determination)
    )


def _outcome_words(assessment: Assessment) -> dict[str, str]:
    return eligibility.CARER_OUTCOMES if assessment.is_carers else eligibility.ADULT_OUTCOMES


def _listed(items: list[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def decision_paragraphs(assessment: Assessment, contact: str) -> list[str]:
    """The decision, each clause's reason in plain words, the eligible needs, and what follows either way."""
    determination = assessment.determination
    words = _outcome_words(assessment)
    kind = assessment.get_kind_display().lower()
    law = "regulation 3" if assessment.is_carers else "regulation 2"
    found = [
        f"We have finished your {kind} and decided whether your needs meet the national eligibility criteria "
        f"(Care Act 2014, section 13, and {law} of the Care and Support (Eligibility Criteria) Regulations 2015).",
        f"Our decision: {determination.get('summary', '')}.",
        "Our reasons, one part of the criteria at a time:",
    ]
    for clause in determination.get("clauses", []):
        met = "met" if clause.get("met") else "not met"
        found.append(f"{clause.get('reference', '')}: {met}.\n{clause.get('reason', '')}")
    found += list(determination.get("notes", []))
    if determination.get("eligible"):
        needs = [words.get(key, key) for key in determination.get("unmet_outcomes", [])]
        found.append(f"Your eligible needs are in these outcomes:\n{_listed(needs)}")
        found.append(
            "We will meet your eligible needs through your support plan, and you will have a personal budget "
            "that says what meeting them costs."
        )
    else:
        found.append("Even though your needs are not eligible, we want to help you stay well and independent.")
        if assessment.advice_given:
            found.append(f"Information and advice we gave you:\n{assessment.advice_given}")
        if assessment.prevention_offer:
            found.append(f"What we offered to prevent or delay needs:\n{assessment.prevention_offer}")
        found.append("If your needs change, please contact us and we will look at them again.")
    found.append(f"If you disagree with our decision or want to talk about it, please {contact}.")
    return found


def copy_paragraphs(assessment: Assessment) -> list[str]:
    """What was recorded, in the order the assessment asked it, then the decision."""
    answers = assessment.answers or {}
    words = _outcome_words(assessment)
    ways = eligibility.WAY_WORDS
    found = [f"You asked for a copy of your {assessment.get_kind_display().lower()}. This is what we recorded."]
    how = Method(assessment.method).label if assessment.method in Method.values else ""
    facts = [
        ("How the assessment was done", how),
        ("Who took part", ", ".join(assessment.took_part or [])),
        ("Your independent advocate", assessment.advocate),
        ("What matters to you", assessment.what_matters),
        ("Your strengths and abilities", assessment.strengths),
        ("Your own networks and community support", assessment.networks),
    ]
    found += [f"{label}:\n{value}" for label, value in facts if value]
    outcomes = answers.get("outcomes") or {}
    if outcomes:
        lines = [
            f"{words.get(key, key)}: {'; '.join(ways.get(way, way) for way in chosen)}"
            for key, chosen in outcomes.items()
            if chosen
        ]
        if lines:
            found.append(f"The outcomes you are unable to achieve, and how:\n{_listed(lines)}")
    wellbeing = answers.get("wellbeing") or {}
    impacts = [f"{eligibility.WELLBEING_AREAS.get(area, area)}: {text}" for area, text in wellbeing.items() if text]
    if impacts:
        found.append(f"The impact on your wellbeing:\n{_listed(impacts)}")
    if answers.get("fluctuating") and answers.get("period_considered"):
        found.append(f"Your needs change over time; we looked at them over {answers['period_considered']}.")
    return found


def letter_html(*, assessment: Assessment, letter: Letter, actor: Actor, large_print: bool) -> str:
    person = assessment.person
    values = merge_values(person=person, actor=actor)
    paragraphs = copy_paragraphs(assessment) if letter == Letter.COPY else []
    paragraphs += decision_paragraphs(assessment, values["council_contact"])
    role = f"\n{values['worker_role']}" if values["worker_role"] else ""
    body, signoff = split_signoff([*paragraphs, f"Yours sincerely\n\n{values['worker_name']}{role}"])
    return render_to_string(
        "casework/letter.html",
        {
            "council": person.council,
            "settings": casework_settings(person.council),
            "address_lines": [line for line in values["person_address"].split("\n") if line],
            "person": person,
            "subject": TITLES[letter],
            "paragraphs": body,
            "signoff": signoff,
            "today": values["today"],
            "large_print": large_print,
        },
    )


def produce(
    *, actor: Actor, assessment: Assessment, letter: Letter, submission_id: uuid.UUID, large_print: bool = False
) -> Document:
    """Render the letter to a tagged PDF (PDF/UA) and file it on the person's record, once per submission."""
    existing = Document.objects.filter(submission_id=submission_id, person=assessment.person).first()
    if existing is not None:
        return existing
    if not may_produce(assessment):
        raise IllegalMove("The letters can be produced once the assessment has been submitted.")
    html = letter_html(assessment=assessment, letter=letter, actor=actor, large_print=large_print)
    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    title = f"{TITLES[letter]}{' (large print)' if large_print else ''}"
    with transaction.atomic():
        document = store_generated(
            actor=actor, person=assessment.person, title=title, pdf=pdf, submission_id=submission_id
        )
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.LETTER_PRODUCED,
            obj=assessment,
            detail={"letter": str(letter), "document": document.pk, "large_print": large_print},
        )
    return document
