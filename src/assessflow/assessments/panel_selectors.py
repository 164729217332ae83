"""Reads for the funding panel: the queue of plans waiting for it and each case's summary, which is all a panel
member sees of a person (no casework, no safeguarding, no person page)."""

import datetime
from dataclasses import dataclass
from typing import cast

from django.db.models import QuerySet
from django.http import Http404

from assessflow.people.selectors import on_person_for
from assessflow.tenancy.models import Membership
from assessflow.tenancy.roles import OrganisationKind

from . import costs, eligibility
from .models import Assessment, PanelDecision, PlanLine
from .selectors import settings_for


def panel_queue(membership: Membership) -> QuerySet[Assessment]:
    """Work waiting for the panel of the member's own council, oldest submission first."""
    if membership.organisation.kind != OrganisationKind.COUNCIL:
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(council=membership.organisation, status=Assessment.Status.WITH_PANEL)
        .select_related("person", "assessor", "organisation")
        .order_by("submitted_at", "pk")
    )


def panel_case_for(membership: Membership, pk: int, *, session=None, to_change: bool = False) -> Assessment:
    """One case at panel (404 outside the member's council or once it has left the panel); a restricted record
    stays closed as everywhere else."""
    return on_person_for(panel_queue(membership), membership, pk, session, to_change=to_change)


def decision_for(membership: Membership, pk: int, *, session=None) -> PanelDecision:
    """One recorded decision of the member's own council's panel, for its printable record."""
    if membership.organisation.kind != OrganisationKind.COUNCIL:
        raise Http404("Not found")
    found = (
        PanelDecision.objects.filter(council=membership.organisation, pk=pk)
        .select_related("assessment__person", "assessment__assessor", "assessment__organisation", "decided_by")
        .first()
    )
    if found is None:
        raise Http404("Not found")
    on_person_for(Assessment.objects.filter(council=membership.organisation), membership, found.assessment_id, session)
    return found


PANEL_STATUS: dict[str, str] = {
    Assessment.Status.WITH_PANEL: "With the panel",
    Assessment.Status.REPLAN: "Returned to re-plan",
}


def panel_status(assessment: Assessment) -> str:
    """The panel's part on the assessment's task list, from its status alone."""
    return PANEL_STATUS.get(assessment.status, "")


def decisions_of(assessment: Assessment) -> QuerySet[PanelDecision]:
    return PanelDecision.objects.filter(assessment=assessment).select_related("decided_by")


@dataclass(frozen=True)
class PlanRow:
    kind: str
    description: str
    provider: str
    starts_on: datetime.date
    cost: str
    weekly: str
    outcomes: list[str]


@dataclass(frozen=True)
class Summary:
    """What the panel reads of one case."""

    assessment: Assessment
    age: int | None
    eligible_needs: list[str]
    clauses: list[dict]
    lines: list[PlanRow]
    weekly_pence: int
    one_off_pence: int
    threshold_pence: int
    decisions: list[PanelDecision]

    @property
    def weekly(self) -> str:
        return costs.pounds(self.weekly_pence)

    @property
    def one_off(self) -> str:
        return costs.pounds(self.one_off_pence)

    @property
    def threshold(self) -> str:
        return costs.pounds(self.threshold_pence)

    @property
    def over_by(self) -> str:
        return costs.pounds(max(0, self.weekly_pence - self.threshold_pence))


def _outcome_words(assessment: Assessment) -> dict[str, str]:
    return eligibility.CARER_OUTCOMES if assessment.is_carers else eligibility.ADULT_OUTCOMES


def summaries(assessments: list[Assessment], *, today: datetime.date) -> list[Summary]:
    """The panel's summary of each case, in three queries whatever the number of cases or plan lines."""
    if not assessments:
        return []
    by_id = {a.pk: a for a in assessments}
    lines: dict[int, list[PlanLine]] = {pk: [] for pk in by_id}
    for line in PlanLine.objects.filter(plan__assessment_id__in=by_id).select_related("plan").order_by("pk"):
        lines[cast(int, line.plan.assessment_id)].append(line)  # the filter leaves no plan without one
    decisions: dict[int, list[PanelDecision]] = {pk: [] for pk in by_id}
    for decision in PanelDecision.objects.filter(assessment_id__in=by_id).select_related("decided_by"):
        decisions[decision.assessment_id].append(decision)
    threshold = settings_for(assessments[0].council).panel_threshold_pence
    found = []
    for assessment in assessments:
        words = _outcome_words(assessment)
        determination = assessment.determination or {}
        rows, priced = [], []
        for line in lines[assessment.pk]:
            priced_line = costs.Line(line.cost_pence, line.units, line.frequency)
            priced.append(priced_line)
            rows.append(
                PlanRow(
                    kind=line.get_kind_display(),
                    description=line.description,
                    provider=line.provider_name,
                    starts_on=line.starts_on,
                    cost=f"{costs.pounds(line.cost_pence)} x {line.units.normalize():f} {line.get_frequency_display()}",
                    weekly=costs.pounds(costs.weekly_pence(priced_line)),
                    outcomes=[words.get(key, key) for key in line.outcomes],
                )
            )
        budget = costs.budget(priced)
        person = assessment.person
        found.append(
            Summary(
                assessment=assessment,
                age=person.age_on(today) if person.date_of_birth else None,
                eligible_needs=[words.get(key, key) for key in determination.get("unmet_outcomes", [])],
                clauses=determination.get("clauses", []),
                lines=rows,
                weekly_pence=budget.weekly_pence,
                one_off_pence=budget.one_off_pence,
                threshold_pence=threshold,
                decisions=decisions[assessment.pk],
            )
        )
    return found
