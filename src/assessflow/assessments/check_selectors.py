"""Reads for quality assurance and sign-off: which check each piece of submitted work waits for, who may decide it,
each checker's queue, and what the check page shows."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import Http404

from assessflow.allocation.models import AssessorProfile
from assessflow.tenancy.models import Membership
from assessflow.tenancy.permissions import may
from assessflow.tenancy.roles import OrganisationKind, Role

from . import costs, eligibility, route
from .models import Assessment, AssessmentSettings, Check, PlanLine, SupportPlan
from .selectors import assessment_for, assessments_visible_to

Stage = Check.Stage
Status = Assessment.Status
WAITING = (Status.WITH_QA, Status.WITH_SIGN_OFF)
QA_STAGES = frozenset({Stage.PROVIDER_QA, Stage.COUNCIL_QA})


def passed_since_return(checks: Iterable[Check]) -> list[str]:
    """The checks passed since the work was last returned, from its checks in the order they were made."""
    passed: list[str] = []
    for check in sorted(checks, key=lambda c: c.pk):
        if check.outcome == Check.Outcome.RETURNED:
            passed = []
        else:
            passed.append(check.stage)
    return passed


def _stage_of(assessment: Assessment, *, qualification: str, chosen: AssessmentSettings) -> Stage | None:
    if assessment.status not in WAITING:
        return None
    work = route.Work(
        kind=assessment.kind,
        assessor_qualification=qualification,
        contracted=assessment.contract_id is not None,
        council_signs_off=bool(assessment.contract and assessment.contract.council_signs_off),
    )
    needed = route.stages_needed(work, qa_kinds=chosen.qa_work_types, qa_qualifications=chosen.qa_qualifications)
    _status, stage = route.next_step(needed, passed_since_return(assessment.checks.all()), to_panel=False)
    return stage


def may_decide(membership: Membership, assessment: Assessment, stage: str | None, *, supervisor_id=None) -> bool:
    """Whether this membership decides this check of this work. Nobody checks their own work; each organisation
    checks only its own: the provider's QA lead the provider's work, the council's QA lead the council's own work,
    a council manager signs off contracted work for the council, and a qualified worker of the same organisation
    (the worker's named supervisor, or a qualified team manager) signs off an unqualified worker's work."""
    org = membership.organisation
    if stage is None or assessment.assessor_id == membership.user_id:
        return False
    if stage == Stage.PROVIDER_QA:
        return (
            org.kind == OrganisationKind.PROVIDER
            and org.pk == assessment.organisation_id
            and may(membership, "assessments.quality_assure")
        )
    if stage == Stage.COUNCIL_QA:
        return org.pk == assessment.council_id == assessment.organisation_id and may(
            membership, "assessments.quality_assure"
        )
    if stage == Stage.COUNCIL_SIGN_OFF:
        return (
            org.pk == assessment.council_id
            and assessment.contract_id is not None
            and may(membership, "assessments.council_sign_off")
        )
    if stage == Stage.QUALIFIED_SIGN_OFF:
        return (
            org.pk == assessment.organisation_id
            and may(membership, "assessments.qualified_sign_off")
            and (membership.role == Role.TEAM_MANAGER or membership.user_id == supervisor_id)
        )
    return False


@dataclass
class Waiting:
    """Submitted work and the check it waits for."""

    assessment: Assessment
    stage: Stage | None
    supervisor_id: int | None = None

    @property
    def is_sign_off(self) -> bool:
        return self.stage in route.SIGN_OFF_STAGES


def waiting_checks(assessments: list[Assessment]) -> list[Waiting]:
    """Each assessment with the check it waits for, in a fixed number of queries: the assessors' qualifications and
    supervisors, and each council's settings, read once for all of them (the checks are prefetched)."""
    if not assessments:
        return []
    users = {a.assessor_id for a in assessments}
    orgs = {a.organisation_id for a in assessments}
    qualifications = {
        (user_id, org_id): qualification
        for user_id, org_id, qualification in Membership.objects.filter(
            user_id__in=users, organisation_id__in=orgs
        ).values_list("user_id", "organisation_id", "qualification")
    }
    supervisors = {
        (council_id, user_id, org_id): supervisor_id
        for council_id, user_id, org_id, supervisor_id in AssessorProfile.objects.filter(
            membership__user_id__in=users, membership__organisation_id__in=orgs, supervisor__isnull=False
        ).values_list("council_id", "membership__user_id", "membership__organisation_id", "supervisor_id")
    }
    councils = {a.council_id for a in assessments}
    chosen = {s.council_id: s for s in AssessmentSettings.objects.filter(council_id__in=councils)}
    found = []
    for item in assessments:
        settings = chosen.get(item.council_id) or AssessmentSettings(council_id=item.council_id)
        qualification = qualifications.get((item.assessor_id, item.organisation_id), "")
        found.append(
            Waiting(
                item,
                _stage_of(item, qualification=qualification, chosen=settings),
                supervisors.get((item.council_id, item.assessor_id, item.organisation_id)),
            )
        )
    return found


def check_queue(membership: Membership) -> list[Waiting]:
    """The work waiting for this membership's check, oldest submission first."""
    candidates = (
        assessments_visible_to(membership)
        .filter(status__in=WAITING)
        .exclude(assessor_id=membership.user_id)
        .select_related("person", "assessor", "organisation", "contract")
        .prefetch_related("checks")
        .order_by("submitted_at", "pk")
    )
    return [
        w
        for w in waiting_checks(list(candidates))
        if may_decide(membership, w.assessment, w.stage, supervisor_id=w.supervisor_id)
    ]


@dataclass(frozen=True)
class QueueCounts:
    quality_assurance: int
    sign_off: int

    @property
    def total(self) -> int:
        return self.quality_assurance + self.sign_off


def queue_counts(membership: Membership) -> QueueCounts:
    rows = check_queue(membership)
    sign_off = sum(1 for w in rows if w.is_sign_off)
    return QueueCounts(quality_assurance=len(rows) - sign_off, sign_off=sign_off)


def may_check_anything(membership: Membership | None) -> bool:
    return membership is not None and any(
        may(membership, p)
        for p in ("assessments.quality_assure", "assessments.council_sign_off", "assessments.qualified_sign_off")
    )


def waiting_for(membership: Membership, assessment_id: int, *, session=None, to_change: bool = False) -> Waiting:
    """The work if it waits for this membership's check; 404 otherwise, outside the membership's reach or not.
    `to_change` for a decision: breaking the glass on a restricted record opens it for reading only."""
    found = assessment_for(membership, assessment_id, session=session, to_change=to_change)
    [waiting] = waiting_checks([found])
    if not may_decide(membership, found, waiting.stage, supervisor_id=waiting.supervisor_id):
        raise Http404("Not waiting for your check")
    return waiting


@dataclass(frozen=True)
class Outcome:
    words: str
    ways: list[str]


@dataclass
class Record:
    """What the checker reads: the answers in words, the determination with its reasons, the plan and its cost."""

    outcomes: list[Outcome] = field(default_factory=list)
    wellbeing: list[tuple[str, str]] = field(default_factory=list)
    answers_other: list[tuple[str, str]] = field(default_factory=list)
    plan: SupportPlan | None = None
    lines: list[tuple[PlanLine, str]] = field(default_factory=list)  # each line with its cost in words
    budget: costs.Budget | None = None
    money: dict[str, str] = field(default_factory=dict)
    # The earlier checks, each with its reasons named by the section's title.
    history: list[tuple[Check, list[tuple[str, str]]]] = field(default_factory=list)


def pounds(pence: int | None) -> str:
    """Money as the checker reads it: whole pounds without pence (£495), an amount not known yet in words."""
    return "To be assessed" if pence is None else costs.pounds(pence).removesuffix(".00")


YES_NO = {True: "Yes", False: "No", None: "Not recorded"}


def _answer_words(assessment: Assessment) -> list[tuple[str, str]]:
    answers = assessment.answers
    if assessment.is_carers:
        rows = [
            ("Caring for an adult", YES_NO[answers.get("caring_for_adult")]),
            ("The carer's health is deteriorating or at risk", YES_NO[answers.get("health_deteriorating_or_at_risk")]),
        ]
    else:
        rows = [
            (
                "Needs arise from or are related to an impairment or illness",
                YES_NO[answers.get("impairment_or_illness")],
            ),
            ("A carer meets some of the needs today (ignored in deciding)", YES_NO[answers.get("carer_meets_needs")]),
        ]
    rows.append(("Significant impact on wellbeing", YES_NO[answers.get("significant_impact")]))
    if answers.get("fluctuating"):
        rows.append(("Needs fluctuate: the period considered", str(answers.get("period_considered") or "")))
    for key, label in (
        ("willing_and_able", "Willing and able to go on caring"),
        ("hours_a_week", "Hours caring a week"),
    ):
        if assessment.carer.get(key) not in (None, ""):
            rows.append((label, str(assessment.carer[key])))
    return rows


def record_of(assessment: Assessment, titles: dict[str, str]) -> Record:
    """The recorded sections read-only, the plan and the earlier checks: four queries however long the plan."""
    words = eligibility.CARER_OUTCOMES if assessment.is_carers else eligibility.ADULT_OUTCOMES
    given = assessment.answers.get("outcomes") or {}
    found = Record(
        outcomes=[
            Outcome(label, [eligibility.WAY_WORDS.get(way, way) for way in given[key]])
            for key, label in words.items()
            if given.get(key)
        ],
        wellbeing=[
            (eligibility.WELLBEING_AREAS.get(area, area), str(text))
            for area, text in (assessment.answers.get("wellbeing") or {}).items()
        ],
        answers_other=_answer_words(assessment),
        history=[
            (done, [(titles.get(section, section), why) for section, why in done.reasons.items()])
            for done in Check.objects.filter(assessment=assessment).select_related("decided_by")
        ],
    )
    found.plan = SupportPlan.objects.filter(assessment=assessment).first()
    if found.plan is not None:
        lines = list(PlanLine.objects.filter(plan=found.plan))
        priced = [costs.Line(line.cost_pence, line.units, line.frequency) for line in lines]
        found.lines = [
            (line, f"{line.units:g} at {pounds(line.cost_pence)}, {line.get_frequency_display()}") for line in lines
        ]
        found.budget = costs.budget(priced, contribution_pence=found.plan.contribution_pence)
        found.money = {
            "weekly": pounds(found.budget.weekly_pence),
            "one_off": pounds(found.budget.one_off_pence),
            "contribution": pounds(found.budget.contribution_pence),
            "council": pounds(found.budget.council_weekly_pence),
        }
    return found
