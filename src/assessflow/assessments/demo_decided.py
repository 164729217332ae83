"""The demo council's submitted needs assessments: one waiting for the council's quality assurance, one at the
funding panel and one agreed with its plan in force, each recorded, planned and checked through the services so
the QA lead and the panel member have work on their queues. Idempotent."""

import datetime
from decimal import Decimal

from django.db import transaction

from assessflow.allocation.services import AllocationRefused, allocate
from assessflow.audit.actor import Actor
from assessflow.people.models import Person
from assessflow.tenancy.models import Membership, Organisation, User
from assessflow.waiting.models import WorkType
from assessflow.waiting.services import add_entry

from .models import Assessment, Check
from .services import checks, plans, progress
from .services.common import start
from .services.record import BY_SLUG, save_section

ASSESSOR = "social.worker@demo-borough.example"
QA_LEAD = "manager@demo-borough.example"
HOW = {
    "method": "in_person",
    "term": "long_term",
    "took_part": ["person", "family"],
    "substantial_difficulty": False,
    "capacity_to_take_part": "Able to take part fully; understood and weighed the options discussed.",
    "strengths": "Knows what help works for them and manages their own medication with a blister pack.",
    "networks": "A daughter nearby visits twice a week; a neighbour collects the shopping on Fridays.",
}
# What each case was: why referred, what matters, the answers the rules read, and the plan's lines.
CASES = {
    "qa": {
        "why": "Discharged from hospital after a chest infection; struggling to wash and dress",
        "what_matters": "Staying in her own flat and getting back to the lunch club on Wednesdays.",
        "answers": {
            "impairment_or_illness": True,
            "outcomes": {"personal_hygiene": ["without_assistance"], "clothing": ["slowly", "pain_or_distress"]},
            "significant_impact": True,
            "wellbeing": {"dignity": "Has not had a full wash since coming home and feels ashamed to go out"},
            "fluctuating": False,
        },
        "lines": [
            (
                "home_care",
                "Morning call: help to wash and dress",
                "Riverside Home Care",
                2_650,
                "week",
                7,
                ["personal_hygiene", "clothing"],
            ),
        ],
    },
    "panel": {
        "why": "Advanced Parkinson's; carer wife no longer able to manage transfers at night",
        "what_matters": "Staying at home with his wife rather than moving into a care home.",
        "answers": {
            "impairment_or_illness": True,
            "outcomes": {
                "toilet_needs": ["without_assistance", "endangers"],
                "personal_hygiene": ["without_assistance"],
                "home_safely": ["endangers"],
                "nutrition": ["slowly"],
            },
            "significant_impact": True,
            "wellbeing": {
                "health": "Two falls at night in the last month; risk of injury when getting to the toilet",
                "relationships": "His wife is exhausted and her own health is suffering",
            },
            "fluctuating": True,
            "period_considered": "The last three months, including good and bad days with his medication",
        },
        "lines": [
            (
                "home_care",
                "Four calls a day, 21 hours a week, with two carers at night",
                "Riverside Home Care",
                2_650,
                "week",
                21,
                ["toilet_needs", "personal_hygiene", "nutrition"],
            ),
            (
                "day_opportunities",
                "Two days a week at Elm Court day centre, with transport",
                "Elm Court Day Centre",
                6_500,
                "week",
                2,
                ["home_safely"],
            ),
            (
                "technology",
                "Falls sensor and pendant alarm, monitored",
                "Borough Careline",
                650,
                "week",
                1,
                ["home_safely"],
            ),
        ],
    },
    "agreed": {
        "why": "Sight loss and arthritis; cannot prepare meals or keep the home safe",
        "what_matters": "Cooking for herself again and keeping her independence.",
        "answers": {
            "impairment_or_illness": True,
            "outcomes": {"nutrition": ["without_assistance"], "habitable_home": ["pain_or_distress"]},
            "significant_impact": True,
            "wellbeing": {"control": "Relies on a neighbour for every meal and feels a burden"},
            "fluctuating": False,
        },
        "lines": [
            (
                "home_care",
                "Lunchtime and teatime calls to prepare meals",
                "Riverside Home Care",
                2_650,
                "week",
                7,
                ["nutrition"],
            ),
            (
                "equipment",
                "Perching stool, kettle tipper and tactile cooker dials",
                "Borough Community Equipment",
                18_500,
                "once",
                1,
                ["nutrition", "habitable_home"],
            ),
        ],
    },
}
ADVICE = "Gave the Age UK factsheet on paying for care and the council's guide to help at home."
PREVENTION = "Referred to the falls prevention service and the sensory team for a home safety visit."
JUDGEMENT = "Agree with the determination: the needs are clear and the person's own account matches the family's."
QA_COMMENT = "Clear, well evidenced and strengths-based; the plan meets each eligible need."


def _recorded(assessment: Assessment, actor: Actor, case: dict) -> Assessment:
    """Each section saved as an assessor would save it, through the recording service."""
    answers = case["answers"]
    steps = [
        ("how", {**HOW, "what_matters": case["what_matters"]}, {}),
        ("impairment", {}, answers),
        ("outcomes", {}, answers),
        ("wellbeing", {}, answers),
        ("fluctuating", {}, answers),
        ("advice", {"advice_given": ADVICE, "prevention_offer": PREVENTION}, {}),
        ("judgement", {"professional_judgement": JUDGEMENT}, {}),
    ]
    for slug, fields, given in steps:
        section = BY_SLUG[slug]
        assessment = save_section(
            actor=actor,
            assessment=assessment,
            section=section,
            fields=fields,
            answers={key: given.get(key) for key in section.answers},
            carer={},
            expected_version=assessment.version,
        )
    return assessment


def _planned(assessment: Assessment, actor: Actor, case: dict, starts_on: datetime.date) -> None:
    version = 0
    for kind, description, provider, cost, frequency, units, outcomes in case["lines"]:
        line = plans.add_line(
            actor=actor,
            assessment=assessment,
            values={
                "kind": kind,
                "description": description,
                "provider_name": provider,
                "starts_on": starts_on,
                "cost_pence": cost,
                "frequency": frequency,
                "units": Decimal(units),
                "cld_service_type": "Long term support: Community",
                "cld_delivery": "CASSR commissioned support",
                "outcomes": outcomes,
            },
            expected_version=version,
        )
        version = line.plan.version


def _case(council: Organisation, person: Person, name: str, manager: User, qa: Actor, today) -> None:
    case = CASES[name]
    assessor = User.objects.get(email=ASSESSOR)
    system = Actor.system("load_demo", user=manager)
    with transaction.atomic():
        entry = add_entry(
            actor=system, person=person, work_type=WorkType.NEEDS_ASSESSMENT, priority="amber", rationale=case["why"]
        )
        allocation = allocate(actor=system, entry=entry, assessor=assessor, reason="Demo allocation")
        as_assessor = Actor.system("load_demo", user=assessor)
        assessment = _recorded(start(actor=as_assessor, allocation=allocation), as_assessor, case)
        _planned(assessment, as_assessor, case, today + datetime.timedelta(days=14))
        assessment = progress.submit(
            actor=as_assessor, assessment=Assessment.objects.get(pk=assessment.pk), expected_version=assessment.version
        )
        if name != "qa":
            checks.decide(
                actor=qa,
                assessment=assessment,
                stage=Check.Stage.COUNCIL_QA,
                outcome=Check.Outcome.PASSED,
                reasons={},
                comment=QA_COMMENT,
                expected_version=assessment.version,
            )


def load_demo_decided(council: Organisation, people: list[Person], today: datetime.date) -> int:
    """Returns how many assessments were submitted (none once the demo has submitted work)."""
    if Assessment.objects.filter(council=council, submitted_at__isnull=False).exists():
        return 0
    manager = User.objects.get(email=QA_LEAD)
    qa = Actor(user=manager, membership=Membership.objects.get(user=manager, organisation=council))
    added = 0
    for name, person in zip(CASES, people, strict=False):
        try:
            _case(council, person, name, manager, qa, today)
        except AllocationRefused:
            continue
        added += 1
    return added
