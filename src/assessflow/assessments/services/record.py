"""Recording an assessment: its sections and their status, saving a section without overwriting anyone, drafts kept
as the assessor types, and offering an unpaid carer their own assessment (s.10)."""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.pathway.transitions import IllegalMove
from assessflow.people.models import Person, Relationship
from assessflow.people.services import create_person, link_related_person
from assessflow.waiting.models import WaitingListEntry, WorkType
from assessflow.waiting.services import add_entry

from .. import eligibility
from ..actions import AccessAction
from ..models import Assessment, Draft
from ..moves import EDITABLE
from ..record_selectors import carers_to_offer

# The namespace of the submission ids of carers' records created from a relationship, one per relationship.
CARER_RECORDS = uuid.UUID("6f1d3c52-8a0e-4b7e-9a55-2f4c0b8d1e73")
NOT_STARTED, IN_PROGRESS, COMPLETED = "Not started", "In progress", "Completed"


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    for_carers: bool | None  # None: both kinds of assessment
    # What the section records: assessment fields, `answers` keys (the rules' description), `carer` keys.
    fields: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    carer: tuple[str, ...] = ()
    # The ones that must be there for the section to be complete (the rest may be left empty).
    needed: tuple[str, ...] = ()


SECTIONS = (
    Section(
        "how",
        "How the assessment was done",
        None,
        fields=(
            "method",
            "term",
            "took_part",
            "substantial_difficulty",
            "appropriate_person",
            "advocate",
            "capacity_to_take_part",
            "what_matters",
            "strengths",
            "networks",
        ),
        needed=("method", "term", "took_part", "substantial_difficulty", "what_matters"),
    ),
    Section("cared-for", "The person cared for", True, fields=("cared_for", "combined"), needed=("cared_for",)),
    Section(
        "health",
        "The carer's health",
        True,
        answers=("caring_for_adult", "health_deteriorating_or_at_risk"),
        needed=("caring_for_adult", "health_deteriorating_or_at_risk"),
    ),
    Section(
        "impairment",
        "Impairment or illness",
        False,
        answers=("impairment_or_illness",),
        needed=("impairment_or_illness",),
    ),
    Section("outcomes", "Outcomes", None, answers=("outcomes", "carer_meets_needs"), needed=("outcomes",)),
    Section(
        "wellbeing", "Wellbeing", None, answers=("wellbeing", "significant_impact"), needed=("significant_impact",)
    ),
    Section(
        "fluctuating", "Fluctuating needs", None, answers=("fluctuating", "period_considered"), needed=("fluctuating",)
    ),
    Section(
        "caring",
        "Caring and willingness to go on",
        True,
        carer=("willing_and_able", "willing_and_able_detail", "hours_a_week", "adults_cared_for"),
        needed=("willing_and_able", "hours_a_week"),
    ),
    Section(
        "advice",
        "Information, advice and prevention",
        None,
        fields=("advice_given", "prevention_offer"),
        needed=("advice_given",),
    ),
    Section(
        "judgement",
        "Professional judgement",
        None,
        fields=("professional_judgement",),
        needed=("professional_judgement",),
    ),
)
BY_SLUG = {s.slug: s for s in SECTIONS}
# What the rules need before they can give a determination, for an adult and for a carer.
RULES_NEED = {
    False: ("impairment_or_illness", "outcomes", "significant_impact"),
    True: ("caring_for_adult", "health_deteriorating_or_at_risk", "outcomes", "significant_impact"),
}


class SectionConflict(IllegalMove):
    """Someone saved the assessment after this form was opened: nothing is overwritten."""

    def __init__(self, current: Assessment):
        super().__init__(
            "Someone else saved this assessment after you opened this section. Your answers have not been saved."
        )
        self.current = current


def sections_for(assessment: Assessment) -> list[Section]:
    return [s for s in SECTIONS if s.for_carers is None or s.for_carers == assessment.is_carers]


def section_of(assessment: Assessment, slug: str) -> Section | None:
    section = BY_SLUG.get(slug)
    return section if section is not None and section in sections_for(assessment) else None


def _recorded(assessment: Assessment, name: str) -> bool:
    if name in ("cared_for",):
        return assessment.cared_for_id is not None
    if name in ("combined",):
        return False
    if hasattr(Assessment, name) and name not in ("answers", "carer"):
        value = getattr(assessment, name)
        return value not in ("", None, [], {})
    if name in assessment.answers:
        return True
    return assessment.carer.get(name) not in (None, "", [])


def status_of(assessment: Assessment, section: Section) -> str:
    recorded = [_recorded(assessment, name) for name in (*section.fields, *section.answers, *section.carer)]
    if all(_recorded(assessment, name) for name in section.needed):
        return COMPLETED
    return IN_PROGRESS if any(recorded) else NOT_STARTED


def live_determination(assessment: Assessment) -> tuple[dict | None, list[str]]:
    """The rules' reading of the answers so far, or None with the sections still to complete; the stored one once
    submitted. Answers the rules refuse (a fluctuating period not given) are named as still to complete."""
    if assessment.determination and assessment.status not in EDITABLE:
        return assessment.determination, []
    missing = [name for name in RULES_NEED[assessment.is_carers] if name not in assessment.answers]
    if missing:
        titles = [s.title for s in sections_for(assessment) if set(s.answers) & set(missing)]
        return None, titles
    kind = "carer" if assessment.is_carers else "adult"
    try:
        return eligibility.determine({"kind": kind, **assessment.answers}).as_dict(), []
    except eligibility.AnswersRefused as error:
        return None, [str(error)]


def save_section(
    *,
    actor: Actor,
    assessment: Assessment,
    section: Section,
    fields: dict,
    answers: dict,
    carer: dict,
    expected_version: int,
) -> Assessment:
    """Save one section's answers, only over the version the form was opened on: a later save by anyone else
    raises SectionConflict and nothing is written. The user's draft of the section goes once it is saved."""
    with transaction.atomic():
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if current.status not in EDITABLE:
            raise IllegalMove("This assessment has been submitted: its answers can no longer be changed.")
        if current.version != expected_version:
            raise SectionConflict(current)
        changed = [name for name, value in fields.items() if _value(current, name) != value]
        for name, value in fields.items():
            setattr(current, name, value)
        new_answers = dict(current.answers)
        for key in section.answers:
            if answers.get(key) is None:
                new_answers.pop(key, None)
            else:
                new_answers[key] = answers[key]
        changed += [key for key in section.answers if current.answers.get(key) != new_answers.get(key)]
        new_carer = {**current.carer, **{key: carer.get(key) for key in section.carer}}
        changed += [key for key in section.carer if current.carer.get(key) != new_carer.get(key)]
        current.answers, current.carer = new_answers, new_carer
        current.version += 1
        current.save()
        Draft.objects.filter(assessment=current, section=section.slug, user=actor.acting_user).delete()
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.SECTION_SAVED,
            obj=current,
            fields=changed,
            detail={"section": section.slug},
        )
    return current


def _value(assessment: Assessment, name: str):
    return assessment.cared_for if name == "cared_for" else getattr(assessment, name)


def keep_draft(*, actor: Actor, assessment: Assessment, section: Section, data: dict, base_version: int) -> Draft:
    """Keep what the user has typed into a section, one draft per user and section. The log notes the draft once
    when it is begun, not at every keystroke's save, so the person's timeline is not flooded."""
    if assessment.status not in EDITABLE:
        raise IllegalMove("This assessment has been submitted: its answers can no longer be changed.")
    with transaction.atomic():
        draft, created = Draft.objects.update_or_create(
            assessment=assessment,
            section=section.slug,
            user=actor.acting_user,
            defaults={
                "council_id": assessment.council_id,
                "data": data,
                "base_version": base_version,
                "saved_at": timezone.now(),
            },
        )
        if created:
            record_on_person(
                actor=actor,
                kind=AccessEvent.Kind.CHANGE,
                action=AccessAction.DRAFT_SAVED,
                obj=assessment,
                detail={"section": section.slug},
            )
    return draft


# Titles that may open a name written as free text; what follows them is the carer's own name.
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame", "lady", "lord"}


def split_name(name: str) -> dict:
    """A carer's name as written on the relationship, as a person record's title, first and last names: the last
    word is the last name. A single word cannot be split without guessing, so it is refused."""
    words = name.split()
    title = words.pop(0).rstrip(".") if len(words) > 1 and words[0].lower().rstrip(".") in TITLES else ""
    if len(words) < 2:
        raise IllegalMove(
            f"Record {name.strip() or 'the carer'}'s first and last names on the person's record before offering "
            "them an assessment."
        )
    return {"title": title, "given_name": " ".join(words[:-1]), "family_name": words[-1]}


def _carer_person(actor: Actor, relationship: Relationship) -> Person:
    """The carer's own record: linked already, or created in the person's council from the name on the
    relationship, with the phone and email it gives and nothing invented (no NHS number, no date of birth).
    Created once for the relationship: a retry finds the same record."""
    if relationship.related_person is not None:
        return relationship.related_person
    details = {**split_name(relationship.name), "phone": relationship.phone, "email": relationship.email}
    carer = create_person(
        actor=actor,
        council=relationship.council,
        details=details,
        submission_id=uuid.uuid5(CARER_RECORDS, str(relationship.pk)),
    )
    link_related_person(actor=actor, relationship=relationship, related_person=carer)
    return carer


def offer_carers_assessment(*, actor: Actor, assessment: Assessment, relationship_id: int) -> WaitingListEntry:
    """Put the person's unpaid carer on the carer's assessment list (s.10), once: an offer already waiting or under
    way is not made again. A carer named only by name gets their own record of the council first (never one handed
    to a provider: a provider's assessor may offer, but sees the carer only if the work is later handed to them)."""
    if not any(r.pk == relationship_id for r in carers_to_offer(assessment)):
        raise IllegalMove("This carer already has a carer's assessment waiting or under way.")
    with transaction.atomic():
        # Locked and read again, so a second press waits for the first and then finds the offer made.
        relationship = (
            Relationship.objects.select_for_update(of=("self",))
            .select_related("related_person", "council")
            .get(pk=relationship_id, person=assessment.person)
        )
        if not any(r.pk == relationship_id for r in carers_to_offer(assessment)):
            raise IllegalMove("This carer already has a carer's assessment waiting or under way.")
        carer = _carer_person(actor, relationship)
        entry = add_entry(
            actor=actor,
            person=carer,
            work_type=WorkType.CARERS_ASSESSMENT,
            priority=assessment.entry.priority,
            rationale=f"Offered during the {assessment.get_kind_display().lower()} of the person they care for (s.10).",
            team=assessment.entry.team,
        )
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.CARER_OFFERED,
            obj=assessment,
            detail={"carer": carer.pk, "entry": entry.pk, "relationship": relationship.pk},
        )
    return entry
