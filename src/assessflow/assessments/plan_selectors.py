"""Reads for the support plan pages: the eligible needs a plan must meet, the plan with its lines and its personal
budget, in a fixed number of queries whatever the number of lines."""

from dataclasses import dataclass, field

from django.http import Http404

from . import costs, eligibility
from .models import Assessment, PlanLine, SupportPlan
from .moves import PLAN_EDITABLE
from .selectors import settings_for


@dataclass(frozen=True)
class Needs:
    """The rules' reading of what was recorded, as a plan needs it: eligible or not, and the outcomes to meet."""

    eligible: bool
    outcomes: list[tuple[str, str]] = field(default_factory=list)  # (key, words), in the regulation's order
    refused: str = ""  # why the answers cannot be read yet, if they cannot


def needs_of(assessment: Assessment) -> Needs:
    """The live determination of the assessment's answers (not the one stored on submit, which may be older)."""
    kind = "carer" if assessment.is_carers else "adult"
    try:
        found = eligibility.determine({"kind": kind, **assessment.answers})
    except eligibility.AnswersRefused as error:
        return Needs(eligible=False, refused=str(error))
    if not found.eligible:
        return Needs(eligible=False)
    words = eligibility.CARER_OUTCOMES if assessment.is_carers else eligibility.ADULT_OUTCOMES
    return Needs(eligible=True, outcomes=[(key, words[key]) for key in found.unmet_outcomes])


def plan_of(assessment: Assessment) -> SupportPlan | None:
    return SupportPlan.objects.filter(assessment=assessment).first()


def line_of(plan: SupportPlan | None, line_id) -> PlanLine:
    """A line of this plan only: a line of another plan is not found here, whoever asks."""
    found = PlanLine.objects.filter(plan=plan, pk=line_id).first() if plan is not None and line_id else None
    if found is None:
        raise Http404("No such line on this plan")
    return found


def budget_of(plan: SupportPlan | None, lines: list[PlanLine]) -> costs.Budget:
    return costs.budget(
        (costs.Line(line.cost_pence, line.units, line.frequency) for line in lines),
        contribution_pence=plan.contribution_pence if plan is not None else None,
    )


def pounds(pence: int | None) -> str:
    """£1,234.50, or nothing for an amount not known yet."""
    return "" if pence is None else costs.pounds(pence)


@dataclass(frozen=True)
class PlanPage:
    assessment: Assessment
    plan: SupportPlan | None
    lines: list[PlanLine]
    budget: costs.Budget
    threshold_pence: int
    needs: Needs
    editable: bool

    @property
    def to_panel(self) -> bool:
        return self.budget.weekly_pence > self.threshold_pence

    @property
    def shown(self) -> dict[str, str]:
        """The personal budget's amounts as the page shows them."""
        council = self.budget.council_weekly_pence
        return {
            "weekly": pounds(self.budget.weekly_pence),
            "one_off": pounds(self.budget.one_off_pence),
            "yearly": pounds(self.budget.yearly_pence),
            "contribution": pounds(self.budget.contribution_pence) or "To be assessed",
            "council": pounds(council) or "To be assessed",
            "threshold": pounds(self.threshold_pence),
        }

    @property
    def version(self) -> int:
        """The version a form carries: 0 while there is no plan yet, so two first saves cannot both succeed."""
        return self.plan.version if self.plan is not None else 0


def plan_page(assessment: Assessment) -> PlanPage:
    """The plan, its lines, its budget and the panel threshold: three queries, however many lines."""
    plan = plan_of(assessment)
    lines = list(PlanLine.objects.filter(plan=plan)) if plan is not None else []
    needs = needs_of(assessment)
    outcome_words = dict(needs.outcomes)
    for line in lines:  # what the page shows of each line, worked out once here rather than in the template
        line.cost_shown = pounds(line.cost_pence)  # type: ignore[attr-defined]
        line.weekly_shown = pounds(  # type: ignore[attr-defined]
            costs.weekly_pence(costs.Line(line.cost_pence, line.units, line.frequency))
        )
        line.outcome_words = [  # type: ignore[attr-defined]
            outcome_words.get(key, key.replace("_", " ")) for key in line.outcomes
        ]
    return PlanPage(
        assessment=assessment,
        plan=plan,
        lines=lines,
        budget=budget_of(plan, lines),
        threshold_pence=settings_for(assessment.council).panel_threshold_pence,
        needs=needs,
        editable=assessment.status in PLAN_EDITABLE and needs.eligible,
    )
