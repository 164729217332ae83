"""Quality assurance and sign-off: a checker passes submitted work on to its next step, or returns it to the assessor
with a reason for each section that needs changing. Every decision is kept on the assessment."""

from typing import Any

from django.db import transaction

from assessflow.audit.actor import Actor
from assessflow.audit.services import save_council_form
from assessflow.pathway.models import EventType
from assessflow.pathway.transitions import IllegalMove

from .. import route
from ..actions import AccessAction
from ..check_selectors import may_decide, waiting_checks
from ..models import Assessment, AssessmentSettings, Check
from .common import move, passed_since_submission, stages_needed
from .progress import advance

Stage = Check.Stage
Outcome = Check.Outcome


def waiting_stage(assessment: Assessment) -> Stage | None:
    """The check the work waits for now; None once it is not waiting for one."""
    if assessment.status not in (Assessment.Status.WITH_QA, Assessment.Status.WITH_SIGN_OFF):
        return None
    _status, stage = route.next_step(stages_needed(assessment), passed_since_submission(assessment), to_panel=False)
    return stage


def _refuse_unless_theirs(actor: Actor, assessment: Assessment, stage: str) -> None:
    membership = actor.membership
    if membership is None:
        raise IllegalMove("Only a member of the organisation that did the work can check it.")
    if assessment.assessor_id == actor.acting_user.pk:
        raise IllegalMove("You cannot check your own work.")
    if waiting_stage(assessment) != stage:
        raise IllegalMove("This work is not waiting for this check: it has moved on, or it needs another check first.")
    [waiting] = waiting_checks([assessment])
    if not may_decide(membership, assessment, stage, supervisor_id=waiting.supervisor_id):
        raise IllegalMove(f"Your role in your organisation cannot make the {Stage(stage).label.lower()}.")


def decide(
    *,
    actor: Actor,
    assessment: Assessment,
    stage: str,
    outcome: str,
    reasons: dict[str, str],
    comment: str,
    expected_version: int,
) -> Assessment:
    """Pass the work to its next step (another check, the panel or an agreed outcome), or return it to the assessor.
    A return needs at least one reason; the check, the move and the audit entry are written together or not at all
    (someone else's change since the checker opened the page writes nothing)."""
    _refuse_unless_theirs(actor, assessment, stage)
    reasons = {section: why.strip() for section, why in reasons.items() if why and why.strip()}
    if outcome == Outcome.RETURNED and not reasons:
        raise IllegalMove("Give a reason for at least one section you are returning.")
    if outcome not in Outcome.values:
        raise IllegalMove("Choose whether the work passes or is returned.")
    label = Stage(stage).label
    with transaction.atomic():
        passed = passed_since_submission(assessment)
        Check.objects.create(
            council_id=assessment.council_id,
            assessment=assessment,
            stage=stage,
            outcome=outcome,
            reasons=reasons if outcome == Outcome.RETURNED else {},
            comment=comment.strip(),
            decided_by=actor.acting_user,
        )
        if outcome == Outcome.PASSED:
            return advance(
                assessment,
                actor=actor,
                passed=[*passed, stage],
                event_kind=EventType.QA_PASSED,
                action=AccessAction.SIGNED_OFF if stage in route.SIGN_OFF_STAGES else AccessAction.QA_PASSED,
                title=f"{label}: passed",
                summary=comment.strip(),
                expected_version=expected_version,
            )
        return move(
            assessment,
            to=Assessment.Status.RETURNED,
            actor=actor,
            event_kind=EventType.QA_RETURNED,
            action=AccessAction.QA_RETURNED,
            title=f"{label}: returned to the assessor",
            # The pathway keeps a code (which check returned it); the reasons are the timeline's words.
            reason=str(stage),
            summary=" ".join([*reasons.values(), comment.strip()]).strip(),
            expected_version=expected_version,
        )


def save_settings(*, actor: Actor, form: Any) -> AssessmentSettings:
    """The council's choices of which work is checked, the panel threshold and the review dates, with the change
    logged."""
    return save_council_form(actor=actor, form=form, action=AccessAction.SETTINGS_SAVED)
