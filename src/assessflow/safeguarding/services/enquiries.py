"""The enquiry: who works on it, the adult's wishes, capacity and advocacy, strategy, protection plan, close."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.casework.services.tasks import set_task
from assessflow.pathway.models import EventType
from assessflow.pathway.transitions import IllegalMove, change_status, claim
from assessflow.tenancy.models import User

from ..actions import AccessAction
from ..categories import (
    DONT_KNOW,
    NEEDS_RESULT,
    Achieved,
    ActionTaken,
    RiskLocation,
    RiskResult,
    RiskSource,
    RiskType,
)
from ..models import Concern, Enquiry, ProtectionAction, StrategyDiscussion
from . import council_workers
from .concerns import TRANSITIONS as CONCERN_TRANSITIONS

ENQUIRY_MOVES = {Enquiry.Status.OPEN: {Enquiry.Status.CONCLUDED}}
PLAN_FIELDS = (
    "caused_partner",
    "outcomes_asked",
    "outcomes_asked_of",
    "outcomes_expressed",
    "desired_outcomes",
    "capacity",
    "capacity_decisions",
    "substantial_difficulty",
    "appropriate_person",
    "advocate",
)


# Yes/no answers may still be unknown (None); everything else is text.
YES_NO_FIELDS = frozenset({"outcomes_asked", "outcomes_expressed", "substantial_difficulty", "appropriate_person"})


def _plan_values(values: dict) -> dict:
    return {f: values.get(f) if f in YES_NO_FIELDS else (values.get(f) or "").strip() for f in PLAN_FIELDS}


def _check_open(enquiry: Enquiry) -> None:
    if enquiry.status != Enquiry.Status.OPEN:
        raise IllegalMove("This enquiry is concluded.")


def _check_msp(values: dict) -> None:
    if values.get("outcomes_asked") and not values.get("outcomes_asked_of"):
        raise ValidationError({"outcomes_asked_of": "Say whether the adult or their representative was asked"})
    if values.get("outcomes_expressed") and not (values.get("desired_outcomes") or "").strip():
        raise ValidationError({"desired_outcomes": "Record the outcomes they want"})
    if values.get("outcomes_expressed") and not values.get("outcomes_asked"):
        raise ValidationError({"outcomes_expressed": "Outcomes can be expressed only when they were asked"})


def update_enquiry(
    *, actor: Actor, enquiry: Enquiry, values: dict, named_workers: list[User], expected_version: int
) -> Enquiry:
    """Making Safeguarding Personal at the start, capacity and advocacy (s.68), partners and the workers named."""
    _check_open(enquiry)
    _check_msp(values)
    if values.get("substantial_difficulty") and values.get("appropriate_person") is None:
        raise ValidationError({"appropriate_person": "Say whether there is an appropriate person to support them"})
    if len(council_workers(enquiry.council_id, named_workers)) != len(set(named_workers)):
        raise ValidationError({"named_workers": "Name only workers of the council"})
    with transaction.atomic():
        claim(enquiry, expected_version=expected_version, **_plan_values(values))
        enquiry.named_workers.set(named_workers)
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.ENQUIRY_UPDATED,
            obj=enquiry,
            fields=[*PLAN_FIELDS, "named_workers"],
        )
    return enquiry


def add_strategy_discussion(
    *,
    actor: Actor,
    enquiry: Enquiry,
    kind: str,
    held_on: datetime.date,
    attendees: str,
    decisions: str,
    submission_id: uuid.UUID,
) -> StrategyDiscussion:
    existing = StrategyDiscussion.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing
    _check_open(enquiry)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "The date it was held must be today or in the past"})
    discussion = StrategyDiscussion(
        council_id=enquiry.council_id,
        enquiry=enquiry,
        kind=kind,
        held_on=held_on,
        attendees=attendees,
        decisions=decisions,
        recorded_by=actor.user,
        submission_id=submission_id,
    )
    discussion.full_clean(exclude=["enquiry", "council", "recorded_by"])
    with transaction.atomic():
        discussion.save()
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.STRATEGY_RECORDED,
            obj=discussion,
            person_id=enquiry.person_id,
        )
    return discussion


def add_protection_action(
    *, actor: Actor, enquiry: Enquiry, action: str, owner: User, due_on: datetime.date, submission_id: uuid.UUID
) -> ProtectionAction:
    """One action of the protection plan, as a casework task for its owner.

    The task is on the person's open record, so it says only that there is an action; the owner is named on
    the enquiry, where the action itself is kept.
    """
    _check_open(enquiry)
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": "The due date must be today or in the future"})
    if not council_workers(enquiry.council_id, [owner]):
        raise ValidationError({"owner": "Choose a worker of the council"})
    with transaction.atomic():
        task = set_task(
            actor=actor,
            person=enquiry.person,
            title="Restricted action: open the safeguarding record",
            due_on=due_on,
            assigned_to=owner,
            submission_id=submission_id,
        )
        found, _ = ProtectionAction.objects.get_or_create(
            council_id=enquiry.council_id, enquiry=enquiry, task=task, defaults={"action": action}
        )
        if owner.pk != enquiry.lead_id:
            enquiry.named_workers.add(owner)
    return found


def _risk_errors(findings: dict) -> dict:
    """A s.42 enquiry reports type, location and source of risk to the collection."""
    errors = {}
    if not findings.get("risk_types") or set(findings["risk_types"]) - set(RiskType.values):
        errors["risk_types"] = "Select the type or types of risk"
    if findings.get("risk_location") not in RiskLocation.values:
        errors["risk_location"] = "Select where the risk was"
    if findings.get("risk_source") not in RiskSource.values:
        errors["risk_source"] = "Select the source of the risk"
    return errors


def _advocacy_errors(enquiry: Enquiry, findings: dict) -> dict:
    """s.68: an enquiry that says an independent advocate is needed does not close without one, or a reason why."""
    if (
        enquiry.advocate_needed
        and not enquiry.advocate.strip()
        and not (findings.get("no_advocate_reason") or "").strip()
    ):
        return {
            "no_advocate_reason": "An independent advocate is needed (s.68) and none is appointed: "
            "appoint one on the enquiry, or say why none was appointed"
        }
    return {}


def _check_findings(enquiry: Enquiry, findings: dict) -> None:
    errors = _risk_errors(findings) if enquiry.kind == Enquiry.Kind.S42 else {}
    errors |= _advocacy_errors(enquiry, findings)
    if findings.get("action_taken") not in ActionTaken.values:
        errors["action_taken"] = "Select the action taken"
    elif findings["action_taken"] in NEEDS_RESULT and findings.get("risk_result") not in RiskResult.values:
        errors["risk_result"] = "Select the result for the risk"
    if findings.get("outcomes_asked") is None:
        errors["outcomes_asked"] = "Say whether the adult or their representative was asked what outcomes they want"
    if findings.get("outcomes_expressed") and findings.get("outcomes_achieved") not in Achieved.values:
        errors["outcomes_achieved"] = "Say whether the outcomes they wanted were achieved"
    if not (findings.get("conclusion") or "").strip():
        errors["conclusion"] = "Summarise what the enquiry found and what was done"
    if errors:
        raise ValidationError(errors)
    _check_msp(findings)


def conclude(*, actor: Actor, enquiry: Enquiry, findings: dict, expected_version: int) -> Enquiry:
    """Close with the findings in the Safeguarding Adults Collection's categories and the MSP outcome.

    Whether the adult was asked what outcomes they want is yes, no, or `DONT_KNOW` (the collection's "don't
    know"), which is kept apart from an answer never recorded."""
    _check_open(enquiry)
    not_known = findings.get("outcomes_asked") == DONT_KNOW
    if not_known:
        if findings.get("outcomes_expressed"):
            raise ValidationError({"outcomes_expressed": "Outcomes can be expressed only when they were asked"})
        findings = {**findings, "outcomes_asked": None, "outcomes_asked_of": ""}
    # "Don't know" is an answer: check the rest as for someone not asked.
    _check_findings(enquiry, {**findings, "outcomes_asked": False} if not_known else findings)
    changes = {
        "risk_types": list(findings.get("risk_types") or []),
        "risk_location": findings.get("risk_location") or "",
        "risk_source": findings.get("risk_source") or "",
        "action_taken": findings["action_taken"],
        "risk_result": findings.get("risk_result") if findings["action_taken"] in NEEDS_RESULT else "",
        "outcomes_asked": findings["outcomes_asked"],
        "outcomes_asked_not_known": not_known,
        "outcomes_asked_of": findings.get("outcomes_asked_of") or "",
        "desired_outcomes": (findings.get("desired_outcomes") or "").strip(),
        "outcomes_expressed": bool(findings.get("outcomes_expressed")),
        "outcomes_achieved": findings.get("outcomes_achieved") if findings.get("outcomes_expressed") else "",
        "conclusion": findings["conclusion"].strip(),
        "no_advocate_reason": (findings.get("no_advocate_reason") or "").strip(),
    }
    with transaction.atomic():
        change_status(
            enquiry,
            moves=ENQUIRY_MOVES,
            to=Enquiry.Status.CONCLUDED,
            actor=actor,
            event_kind=EventType.ENQUIRY_CONCLUDED,
            action=AccessAction.ENQUIRY_CONCLUDED,
            reason=enquiry.kind,
            expected_version=expected_version,
            fields={"concluded_at": timezone.now(), "concluded_by": actor.user, **changes},
        )
        change_status(
            Concern.objects.get(pk=enquiry.concern_id),
            moves=CONCERN_TRANSITIONS,
            to=Concern.Status.CLOSED,
            actor=actor,
            event_kind=EventType.CLOSED,
            action=AccessAction.CONCERN_CLOSED,
            reason=enquiry.kind,
        )
    return enquiry
