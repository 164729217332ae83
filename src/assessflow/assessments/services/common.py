"""What every part of the assessment work shares: starting from an allocated entry, moving an assessment from one
status to the next, and working out where submitted work goes."""

from django.db import transaction
from django.urls import reverse

from assessflow.allocation.models import Allocation
from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.pathway.models import EventType
from assessflow.pathway.transitions import IllegalMove
from assessflow.people.models import Handover
from assessflow.people.services import change_status_on_timeline
from assessflow.waiting.models import WaitingListEntry, WorkType
from assessflow.waiting.services import move_entry

from .. import costs, route
from ..actions import AccessAction
from ..models import Assessment, Check, Kind, PlanLine, SupportPlan
from ..moves import ASSESSMENT, ASSESSMENT_MOVES
from ..selectors import settings_for

# The waiting-list work an assessor starts as an assessment here; reviews and DoLS have their own pages.
KIND_OF_WORK = {
    WorkType.NEEDS_ASSESSMENT: Kind.NEEDS,
    WorkType.CARERS_ASSESSMENT: Kind.CARERS,
    WorkType.REASSESSMENT: Kind.REASSESSMENT,
    WorkType.OCCUPATIONAL_THERAPY: Kind.OCCUPATIONAL_THERAPY,
}


def can_start(entry: WaitingListEntry) -> bool:
    return entry.work_type in KIND_OF_WORK and entry.status == WaitingListEntry.Status.ALLOCATED


def start(*, actor: Actor, allocation: Allocation) -> Assessment:
    """The allocated assessor starts the work: an assessment opens and the entry records `assessment_started`.
    Starting twice (a double click, a second tab) opens the same assessment."""
    entry = allocation.entry
    existing = Assessment.objects.filter(entry=entry).first()
    if existing is not None:
        return existing
    if not can_start(entry) or allocation.ended_at is not None:
        raise IllegalMove("This work cannot be started as an assessment.")
    if allocation.assessor_id != actor.acting_user.pk:
        raise IllegalMove("Only the assessor the work is allocated to can start it.")
    handover = (
        Handover.objects.filter(person=entry.person, contract__provider=allocation.organisation, ended_at__isnull=True)
        .select_related("contract")
        .first()
    )
    with transaction.atomic():
        assessment = Assessment.objects.create(
            council_id=entry.council_id,
            person=entry.person,
            entry=entry,
            kind=KIND_OF_WORK[WorkType(entry.work_type)],
            assessor=allocation.assessor,
            organisation=allocation.organisation,
            contract=handover.contract if handover else None,
        )
        move_entry(
            actor=actor,
            entry=entry,
            event_kind=EventType.ASSESSMENT_STARTED,
            title=f"{assessment.get_kind_display()} started",
        )
        record_on_person(actor=actor, kind=AccessEvent.Kind.CHANGE, action=AccessAction.STARTED, obj=assessment)
    return assessment


def move(
    assessment: Assessment,
    *,
    to: str,
    actor: Actor,
    event_kind: EventType | None,
    action: AccessAction,
    title: str,
    reason: str = "",
    summary: str = "",
    fields: dict | None = None,
    expected_version: int | None = None,
) -> Assessment:
    """An assessment's status change: checked against the allowed moves, claimed by version, on the pathway, audited
    and on the person's timeline."""
    return change_status_on_timeline(
        assessment,
        moves=ASSESSMENT_MOVES,
        to=to,
        actor=actor,
        event_kind=event_kind,
        action=action,
        reason=reason,
        fields=fields,
        expected_version=expected_version,
        what=ASSESSMENT,
        title=title,
        summary=summary,
        url=reverse("assessments:assessment", args=[assessment.pk]),
    )


def assessor_qualification(assessment: Assessment) -> str:
    membership = assessment.assessor.memberships.filter(organisation=assessment.organisation).first()
    return membership.qualification if membership is not None else ""


def stages_needed(assessment: Assessment) -> list:
    chosen = settings_for(assessment.council)
    work = route.Work(
        kind=assessment.kind,
        assessor_qualification=assessor_qualification(assessment),
        contracted=assessment.contract_id is not None,
        council_signs_off=bool(assessment.contract and assessment.contract.council_signs_off),
    )
    return route.stages_needed(work, qa_kinds=chosen.qa_work_types, qa_qualifications=chosen.qa_qualifications)


def passed_since_submission(assessment: Assessment) -> list[str]:
    """The checks passed since the work was last returned: what was passed before a return was an earlier version."""
    last_return = Check.objects.filter(assessment=assessment, outcome=Check.Outcome.RETURNED).order_by("-pk").first()
    passed = Check.objects.filter(assessment=assessment, outcome=Check.Outcome.PASSED)
    if last_return is not None:
        passed = passed.filter(pk__gt=last_return.pk)
    return list(passed.values_list("stage", flat=True))


def plan_budget(assessment: Assessment) -> costs.Budget:
    plan = SupportPlan.objects.filter(assessment=assessment).first()
    if plan is None:
        return costs.budget([])
    lines = PlanLine.objects.filter(plan=plan).values_list("cost_pence", "units", "frequency")
    return costs.budget((costs.Line(*row) for row in lines), contribution_pence=plan.contribution_pence)
