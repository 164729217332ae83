"""What an assessment says in the Client Level Data return (docs/cld.md), worked out from what was recorded so the
return is right at source. Pure: no database; every value is checked against the release's list."""

from dataclasses import dataclass

from assessflow import cld

from .models import CARER_KINDS, Term

SHORT, LONG, CARER, JOINT_CARER = cld.values("assessment_type")[:4]
CARER_ONLY, SERVICE_USER_ONLY, BOTH = cld.values("method_of_assessment")
TO_PLANNING = "Progress to support planning or services"
TO_REABLEMENT = "Progress to reablement/ST-Max"
ADVICE = "NFA: Information and advice or signposting"


@dataclass(frozen=True)
class AssessmentFacts:
    assessment_type: str
    method_of_assessment: str
    eligible_needs_identified: str  # blank until the determination is made
    event_outcome: str  # blank until the outcome is agreed
    hours_caring_a_week: int | None = None  # a carer's assessment only
    adults_cared_for: int | None = None

    def __post_init__(self) -> None:
        for field, value in (
            ("assessment_type", self.assessment_type),
            ("method_of_assessment", self.method_of_assessment),
            ("eligible_needs_identified", self.eligible_needs_identified),
            ("event_outcome", self.event_outcome),
        ):
            if value and value not in cld.values(field):
                raise ValueError(f"{value!r} is not a Client Level Data {field.replace('_', ' ')}")


def assessment_type(*, kind: str, term: str, combined: bool) -> str:
    if kind in CARER_KINDS:
        return JOINT_CARER if combined else CARER
    return SHORT if term == Term.SHORT else LONG


def method(*, kind: str, took_part: list[str], combined: bool) -> str:
    """Who was assessed: the person cared for and the carer together, or one of them."""
    if combined:
        return BOTH
    if kind in CARER_KINDS:
        return BOTH if "person" in took_part else CARER_ONLY
    return BOTH if "carer" in took_part else SERVICE_USER_ONLY


def facts(
    *,
    kind: str,
    term: str,
    combined: bool,
    took_part: list[str],
    eligible: bool | None,
    agreed: bool,
    carer: dict,
) -> AssessmentFacts:
    eligible_words = "" if eligible is None else ("Yes" if eligible else "No")
    outcome = ""
    if agreed:
        outcome = ADVICE if not eligible else (TO_REABLEMENT if term == Term.SHORT else TO_PLANNING)
    is_carer = kind in CARER_KINDS
    return AssessmentFacts(
        assessment_type=assessment_type(kind=kind, term=term, combined=combined),
        method_of_assessment=method(kind=kind, took_part=took_part, combined=combined),
        eligible_needs_identified=eligible_words,
        event_outcome=outcome,
        hours_caring_a_week=carer.get("hours_a_week") if is_carer else None,
        adults_cared_for=carer.get("adults_cared_for") if is_carer else None,
    )


def of(assessment) -> AssessmentFacts:
    """The facts of a recorded assessment: the stored determination once submitted."""
    return facts(
        kind=assessment.kind,
        term=assessment.term,
        combined=assessment.combined,
        took_part=list(assessment.took_part or []),
        eligible=assessment.eligible,
        agreed=assessment.status == assessment.Status.AGREED,
        carer=assessment.carer or {},
    )
