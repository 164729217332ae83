"""Moving submitted work on: submitting it, and sending it to its next step after each check or panel decision."""

from django.db import transaction
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.pathway.models import EventType
from assessflow.pathway.transitions import IllegalMove

from .. import eligibility, route
from ..actions import AccessAction
from ..models import Assessment, PlanLine
from ..moves import EDITABLE
from ..selectors import settings_for
from .common import move, plan_budget, stages_needed
from .outcome import record_agreed

Status = Assessment.Status


def determine(assessment: Assessment) -> eligibility.Determination:
    """The rules' reading of what was recorded; the assessor cannot change it."""
    kind = "carer" if assessment.is_carers else "adult"
    return eligibility.determine({"kind": kind, **assessment.answers})


def submit(*, actor: Actor, assessment: Assessment, expected_version: int) -> Assessment:
    """The assessor sends the work on. The determination is worked out and kept as submitted; eligible needs need a
    plan first. Work the panel returned to re-plan goes back to the panel (or, now under the threshold, is agreed)
    without repeating the checks it has passed."""
    if assessment.status == Status.REPLAN:
        return advance(
            assessment,
            actor=actor,
            passed=stages_needed(assessment),
            event_kind=EventType.ASSESSMENT_SUBMITTED,
            action=AccessAction.SUBMITTED,
            title="Support plan re-planned and sent on",
            expected_version=expected_version,
        )
    if assessment.status not in EDITABLE:
        raise IllegalMove("This assessment has already been submitted.")
    try:
        determination = determine(assessment)
    except eligibility.AnswersRefused as error:
        raise IllegalMove(str(error)) from None
    if determination.eligible and not PlanLine.objects.filter(plan__assessment=assessment).exists():
        raise IllegalMove("The needs are eligible: add the support plan that meets them before submitting.")
    if not determination.eligible and not assessment.advice_given.strip():
        raise IllegalMove("No needs are eligible: record the information and advice given before submitting.")
    return advance(
        assessment,
        actor=actor,
        passed=[],
        event_kind=EventType.ASSESSMENT_SUBMITTED,
        action=AccessAction.SUBMITTED,
        title=f"{assessment.get_kind_display()} submitted",
        fields={"determination": determination.as_dict(), "submitted_at": timezone.now()},
        expected_version=expected_version,
    )


def advance(
    assessment: Assessment,
    *,
    actor: Actor,
    passed: list[str],
    event_kind: EventType,
    action: AccessAction,
    title: str,
    reason: str = "",
    summary: str = "",
    fields: dict | None = None,
    expected_version: int | None = None,
) -> Assessment:
    """Move the work to its next step (`route.next_step`): another check, the panel, or an agreed outcome, which is
    recorded in the same transaction."""
    determination = (fields or {}).get("determination") or assessment.determination
    to_panel = route.goes_to_panel(
        eligible=bool(determination.get("eligible")),
        weekly_cost_pence=plan_budget(assessment).weekly_pence,
        threshold_pence=settings_for(assessment.council).panel_threshold_pence,
    )
    status, _stage = route.next_step(stages_needed(assessment), passed, to_panel=to_panel)
    with transaction.atomic():
        moved = move(
            assessment,
            to=status,
            actor=actor,
            event_kind=event_kind,
            action=action,
            title=title,
            reason=reason,
            summary=summary,
            fields=fields,
            expected_version=expected_version,
        )
        if status == Assessment.Status.AGREED:
            record_agreed(actor=actor, assessment=moved)
    return moved
