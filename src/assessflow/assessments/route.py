"""Where submitted work goes next: the checks it needs, in order, then the funding panel, then an agreed outcome.
Pure: no database.

- Contracted work goes first to the provider's own quality assurance lead; the council's own work to the council's.
  Whether a piece of work needs quality assurance at all is the council's setting, by kind of assessment and by
  the assessor's qualification (empty settings: everything does).
- Where the contract says the council signs off (s.79), a council worker signs off after the provider's checks.
- An unqualified worker's assessment is always signed off by a qualified worker, whatever the settings.
- A plan for eligible needs costing more a week than the council's threshold goes to the funding panel.

Returned work starts the checks again from the first: what was passed was the earlier version.
"""

from dataclasses import dataclass

from .models import Assessment, Check

Stage = Check.Stage
Status = Assessment.Status

ORDER = (Stage.PROVIDER_QA, Stage.COUNCIL_QA, Stage.QUALIFIED_SIGN_OFF, Stage.COUNCIL_SIGN_OFF)
SIGN_OFF_STAGES = frozenset({Stage.QUALIFIED_SIGN_OFF, Stage.COUNCIL_SIGN_OFF})
UNQUALIFIED = "unqualified"


@dataclass(frozen=True)
class Work:
    kind: str
    assessor_qualification: str
    contracted: bool
    council_signs_off: bool


def stages_needed(work: Work, *, qa_kinds: list[str], qa_qualifications: list[str]) -> list[Stage]:
    """The checks this work needs, in the order they happen."""
    needs_qa = (not qa_kinds or work.kind in qa_kinds) and (
        not qa_qualifications or work.assessor_qualification in qa_qualifications
    )
    needed = set()
    if needs_qa:
        needed.add(Stage.PROVIDER_QA if work.contracted else Stage.COUNCIL_QA)
    if work.assessor_qualification == UNQUALIFIED:
        needed.add(Stage.QUALIFIED_SIGN_OFF)
    if work.contracted and work.council_signs_off:
        needed.add(Stage.COUNCIL_SIGN_OFF)
    return [stage for stage in ORDER if stage in needed]


def goes_to_panel(*, eligible: bool, weekly_cost_pence: int, threshold_pence: int) -> bool:
    """A plan for eligible needs costing more than the threshold a week; at the threshold exactly it does not."""
    return eligible and weekly_cost_pence > threshold_pence


def next_step(needed: list[Stage], passed: list[str], *, to_panel: bool) -> tuple[str, Stage | None]:
    """The status the work moves to, and the check it waits for (None once the checks are done)."""
    for stage in needed:
        if stage not in passed:
            return (Status.WITH_SIGN_OFF if stage in SIGN_OFF_STAGES else Status.WITH_QA), stage
    return (Status.WITH_PANEL if to_panel else Status.AGREED), None
