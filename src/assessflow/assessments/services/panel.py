"""The funding panel's decisions: approve, approve with changes, or return the plan to re-plan. There is no
"decline": a panel cannot leave eligible needs unmet (Care Act s.18), only ask for them to be met another way."""

import contextlib
import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.casework.services.tasks import set_task
from assessflow.pathway.models import EventType
from assessflow.pathway.transitions import IllegalMove
from assessflow.tenancy.services import notify

from ..actions import AccessAction
from ..models import Assessment, PanelDecision
from .common import move, plan_budget
from .outcome import record_agreed

Decision = PanelDecision.Decision
# How long the assessor has to act on the panel's decision, on their task list.
FOLLOW_UP_DAYS = 7

TASK_TITLES = {
    Decision.APPROVED: "Funding panel approved the support plan",
    Decision.APPROVED_WITH_CHANGES: "Funding panel approved the support plan with changes: make them",
    Decision.RETURNED: "Funding panel returned the support plan: re-plan and send it back",
}


def record_viewed(*, actor: Actor, assessment: Assessment, page: str) -> None:
    """Every read of a case's panel summary is logged, on the queue, the agenda and the case page alike."""
    record_on_person(
        actor=actor, kind=AccessEvent.Kind.VIEW, action=AccessAction.PANEL_VIEWED, obj=assessment, detail={"page": page}
    )


def _check(decision: str, changes: str, reasons: str) -> None:
    problems = {}
    if decision not in Decision.values:
        problems["decision"] = "Select the panel's decision"
    if not reasons.strip():
        problems["reasons"] = "Enter the panel's reasons"
    if decision == Decision.APPROVED_WITH_CHANGES and not changes.strip():
        problems["changes"] = "Enter the changes the panel requires"
    if problems:
        raise ValidationError(problems)


def _tell_assessor(*, actor: Actor, assessment: Assessment, decision: PanelDecision) -> None:
    """The outcome flows back to the assessor: a task on their list, and a notice on their home page."""
    url = reverse("assessments:assessment", args=[assessment.pk])
    title = TASK_TITLES[Decision(decision.decision)]
    details = decision.reasons
    if decision.changes:
        details = f"Changes: {decision.changes}\n\nReasons: {decision.reasons}"
    # The assessor may no longer work on the case: the notice still reaches them, and the page shows it.
    with contextlib.suppress(ValidationError):
        set_task(
            actor=actor,
            person=assessment.person,
            title=title,
            details=details,
            due_on=timezone.localdate() + datetime.timedelta(days=FOLLOW_UP_DAYS),
            assigned_to=assessment.assessor,
            submission_id=uuid.uuid5(uuid.NAMESPACE_URL, f"assessflow:panel-decision:{decision.pk}"),
        )
    notify(user=assessment.assessor, message=f"{title} ({assessment.get_kind_display().lower()})", url=url)


def decide(
    *,
    actor: Actor,
    assessment: Assessment,
    decision: str,
    reasons: str,
    changes: str = "",
    expected_version: int,
) -> PanelDecision:
    """Record the panel's decision and move the work on: approved work is agreed (its checks have all passed),
    returned work goes back to the assessor to re-plan. A stale form (the case decided meanwhile) is refused."""
    _check(decision, changes, reasons)
    if assessment.status != Assessment.Status.WITH_PANEL:
        raise IllegalMove("This plan is no longer with the funding panel.")
    with transaction.atomic():
        recorded = PanelDecision.objects.create(
            council_id=assessment.council_id,
            assessment=assessment,
            weekly_cost_pence=plan_budget(assessment).weekly_pence,
            decision=decision,
            changes=changes.strip() if decision == Decision.APPROVED_WITH_CHANGES else "",
            reasons=reasons.strip(),
            decided_by=actor.acting_user,
        )
        label = Decision(decision).label
        returned = decision == Decision.RETURNED
        # Work reaches the panel only once its checks have passed, so an approval agrees it: `advance` would send
        # a plan still over the threshold back to the panel, so the move to "agreed" is made here, as it makes it.
        moved = move(
            assessment,
            to=Assessment.Status.REPLAN if returned else Assessment.Status.AGREED,
            actor=actor,
            event_kind=EventType.PANEL_DECIDED,
            action=AccessAction.PANEL_DECIDED,
            title=f"Funding panel: {label.lower()}",
            reason=decision,
            summary=recorded.changes or recorded.reasons,
            expected_version=expected_version,
        )
        if not returned:
            record_agreed(actor=actor, assessment=moved)
        _tell_assessor(actor=actor, assessment=assessment, decision=recorded)
    return recorded
