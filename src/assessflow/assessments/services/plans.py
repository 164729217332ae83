"""Changing a support plan: its lines (how each eligible need will be met and what it costs) and what is decided of
the plan as a whole. Every change claims the plan's version, so two people editing one plan never overwrite each
other, and is logged with the fields it changed."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from assessflow import cld
from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.pathway.transitions import IllegalMove, claim, conflict

from ..actions import AccessAction
from ..models import Assessment, Frequency, PlanLine, ServiceKind, SupportPlan
from ..moves import PLAN_EDITABLE
from ..plan_selectors import needs_of, plan_of

PLAN_FIELDS = ("direct_payment", "carer_willing_and_able")
LINE_FIELDS = (
    "kind",
    "description",
    "provider_name",
    "starts_on",
    "cost_pence",
    "frequency",
    "units",
    "cld_service_type",
    "cld_component",
    "cld_delivery",
    "outcomes",
)
# The Client Level Data list each line field is chosen from (docs/cld.md: "the support plan's services").
CLD_LISTS = {
    "cld_service_type": "service_type",
    "cld_component": "service_component",
    "cld_delivery": "delivery_mechanism",
}
# A service that can cost nothing: community and universal services are open to everyone.
FREE_KINDS = frozenset({ServiceKind.COMMUNITY})
# Past these a figure is a typing slip, not a cost: a unit of care (an hour, a week in a care home, an adaptation)
# does not cost more than £50,000, and no line plans more than 1,000 units at a time.
MAX_COST_PENCE = 5_000_000
MAX_UNITS = Decimal(1000)
WHAT = "support plan"


def _check_editable(assessment: Assessment) -> list[str]:
    """The plan may change only while the assessor may re-plan, and only for eligible needs: the outcomes it meets."""
    if assessment.status not in PLAN_EDITABLE:
        raise IllegalMove(
            f"The plan cannot be changed while the assessment is {assessment.get_status_display().lower()}."
        )
    needs = needs_of(assessment)
    if not needs.eligible:
        raise IllegalMove("A support plan is for eligible needs: the needs recorded are not eligible.")
    return [key for key, _ in needs.outcomes]


def _cost_error(cost: int | None, kind: str | None) -> str:
    if cost is None or cost < 0:
        return "Cost per unit must be £0 or more"
    if cost == 0 and kind not in FREE_KINDS:
        return "Cost per unit must be more than £0"
    return "Cost per unit must be £50,000 or less" if cost > MAX_COST_PENCE else ""


def _units_error(units: Decimal | None) -> str:
    if units is None or units <= 0:
        return "Planned units must be more than 0"
    return "Planned units must be 1,000 or fewer" if units > MAX_UNITS else ""


def _outcomes_error(outcomes: list[str], eligible_outcomes: list[str]) -> str:
    if not outcomes:
        return "Choose the eligible outcomes this meets"
    if set(outcomes) - set(eligible_outcomes):
        return "Choose only outcomes the assessment found the person unable to achieve"
    return ""


def check_line(values: dict, *, eligible_outcomes: list[str]) -> None:
    """What the form checks, checked again where the change is made: each error on the field it is about."""
    errors = {
        "kind": "" if values.get("kind") in ServiceKind.values else "Choose how the need will be met",
        "frequency": "" if values.get("frequency") in Frequency.values else "Choose how often the cost is paid",
        "cost_pence": _cost_error(values.get("cost_pence"), values.get("kind")),
        "units": _units_error(values.get("units")),
        "starts_on": "" if isinstance(values.get("starts_on"), datetime.date) else "Enter the start date",
        "outcomes": _outcomes_error(values.get("outcomes") or [], eligible_outcomes),
    }
    for name, listed in CLD_LISTS.items():
        if values.get(name) and values[name] not in cld.values(listed):
            errors[name] = "Choose a value from the Client Level Data list"
    if any(errors.values()):
        raise ValidationError({name: message for name, message in errors.items() if message})


def _claimed_plan(assessment: Assessment, *, expected_version: int, changes: dict | None = None) -> SupportPlan:
    """The assessment's plan, claimed at the version the user read (0: no plan yet, so it is made now)."""
    plan = plan_of(assessment)
    if plan is None:
        if expected_version != 0:
            raise conflict(WHAT)
        try:
            with transaction.atomic():
                return SupportPlan.objects.create(
                    council_id=assessment.council_id,
                    person_id=assessment.person_id,
                    assessment=assessment,
                    **(changes or {}),
                )
        except IntegrityError:  # someone else made the plan between the read and the write
            raise conflict(WHAT) from None
    claim(plan, expected_version=expected_version, what=WHAT, **(changes or {}))
    return plan


def _in_order(values: dict) -> dict:
    return {name: values[name] for name in LINE_FIELDS if name in values}


def _logged(*, actor: Actor, plan: SupportPlan, fields: list[str], detail: dict) -> None:
    record_on_person(
        actor=actor,
        kind=AccessEvent.Kind.CHANGE,
        action=AccessAction.PLAN_SAVED,
        obj=plan,
        fields=fields,
        detail=detail,
    )


def save_plan(
    *, actor: Actor, assessment: Assessment, direct_payment: bool, carer_willing_and_able: str, expected_version: int
) -> SupportPlan:
    """What is decided of the plan as a whole: whether it is taken as a direct payment, and whether the carer is
    willing and able to go on caring (ignored at eligibility; here it decides what the plan must provide)."""
    _check_editable(assessment)
    changes = {"direct_payment": bool(direct_payment), "carer_willing_and_able": carer_willing_and_able.strip()}
    with transaction.atomic():
        plan = _claimed_plan(assessment, expected_version=expected_version, changes=changes)
        _logged(actor=actor, plan=plan, fields=list(PLAN_FIELDS), detail={"part": "plan"})
    return plan


def add_line(*, actor: Actor, assessment: Assessment, values: dict, expected_version: int) -> PlanLine:
    eligible = _check_editable(assessment)
    values = _in_order(values)
    check_line(values, eligible_outcomes=eligible)
    with transaction.atomic():
        plan = _claimed_plan(assessment, expected_version=expected_version)
        line = PlanLine.objects.create(council_id=plan.council_id, plan=plan, **values)
        _logged(actor=actor, plan=plan, fields=list(values), detail={"part": "line added", "line": line.pk})
    return line


def change_line(
    *, actor: Actor, assessment: Assessment, line: PlanLine, values: dict, expected_version: int
) -> PlanLine:
    eligible = _check_editable(assessment)
    values = _in_order(values)
    check_line(values, eligible_outcomes=eligible)
    changed = [name for name, value in values.items() if getattr(line, name) != value]
    with transaction.atomic():
        plan = _claimed_plan(assessment, expected_version=expected_version)
        if line.plan_id != plan.pk:
            raise IllegalMove("That line is not on this plan.")
        PlanLine.objects.filter(pk=line.pk).update(**values)
        for name, value in values.items():
            setattr(line, name, value)
        _logged(actor=actor, plan=plan, fields=changed, detail={"part": "line changed", "line": line.pk})
    return line


def remove_line(*, actor: Actor, assessment: Assessment, line: PlanLine, expected_version: int) -> None:
    _check_editable(assessment)
    with transaction.atomic():
        plan = _claimed_plan(assessment, expected_version=expected_version)
        if line.plan_id != plan.pk:
            raise IllegalMove("That line is not on this plan.")
        described = f"{line.get_kind_display()}, {line.provider_name}".strip(", ")
        PlanLine.objects.filter(pk=line.pk).delete()
        _logged(
            actor=actor,
            plan=plan,
            fields=list(LINE_FIELDS),
            detail={"part": "line removed", "line": line.pk, "was": described},
        )
