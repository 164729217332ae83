"""The demo council's assessment work: needs assessments on the list and allocated, one under way, one
contracted to the provider, then submitted work at quality assurance, at the panel and agreed (`demo_decided`),
so every assessment role has something to open. Idempotent."""

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.allocation.services import AllocationRefused, allocate
from assessflow.audit.actor import Actor
from assessflow.people.models import Handover, Person, Relationship
from assessflow.tenancy.models import Organisation, User
from assessflow.waiting.models import WaitingListEntry, WorkType
from assessflow.waiting.services import add_entry

from .demo_decided import CASES, load_demo_decided
from .models import Assessment, AssessmentSettings
from .services.common import start

# (assessor's email, the case handed to the provider or not, started, the answers recorded so far)
WORK = (
    ("social.worker@demo-borough.example", False, True),
    ("social.worker@demo-borough.example", False, False),
    ("social.worker@demo-borough.example", False, False),
    ("assessor@brightpath.example", True, False),
    ("assessor@brightpath.example", True, False),
)
WHY = "Referred after a fall; lives alone and is struggling with meals and washing"
ANSWERS_SO_FAR = {
    "impairment_or_illness": True,
    "outcomes": {"nutrition": ["without_assistance"], "personal_hygiene": ["pain_or_distress"]},
    "significant_impact": True,
    "wellbeing": {"health": "Has lost weight since the fall and is anxious about washing alone"},
}


def _people(council: Organisation, handed: bool, count: int) -> list[Person]:
    """Living people with an unpaid carer and no work on the lists yet: the carer can be offered an assessment."""
    busy = WaitingListEntry.objects.filter(council=council).values("person_id")
    with_carer = Relationship.objects.filter(council=council, provides_unpaid_care=True).values("person_id")
    on_contract = Handover.objects.filter(council=council, ended_at__isnull=True).values("person_id")
    people = Person.objects.filter(council=council, date_of_death__isnull=True, pk__in=with_carer).exclude(pk__in=busy)
    people = people.filter(pk__in=on_contract) if handed else people.exclude(pk__in=on_contract)
    return list(people.order_by("pk")[:count])


@scopes_disabled()
def load_demo_assessments(council: Organisation) -> int:
    """Returns how many pieces of work were added (none on a second run)."""
    AssessmentSettings.objects.get_or_create(council=council)
    added = _load_allocated(council)
    return added + load_demo_decided(council, _people(council, False, len(CASES)), timezone.localdate())


def _load_allocated(council: Organisation) -> int:
    if WaitingListEntry.objects.filter(council=council, work_type=WorkType.NEEDS_ASSESSMENT).exists():
        return 0
    manager = User.objects.get(email="manager@demo-borough.example")
    system = Actor.system("load_demo", user=manager)
    added = 0
    for handed in (False, True):
        work = [w for w in WORK if w[1] == handed]
        for (email, _handed, started), person in zip(work, _people(council, handed, len(work)), strict=False):
            assessor = User.objects.get(email=email)
            with transaction.atomic():
                entry = add_entry(
                    actor=system, person=person, work_type=WorkType.NEEDS_ASSESSMENT, priority="amber", rationale=WHY
                )
                try:
                    allocation = allocate(actor=system, entry=entry, assessor=assessor, reason="Demo allocation")
                except AllocationRefused:
                    continue  # left waiting: the manager can allocate it
                if started:
                    assessment = start(actor=Actor.system("load_demo", user=assessor), allocation=allocation)
                    Assessment.objects.filter(pk=assessment.pk).update(
                        answers=ANSWERS_SO_FAR, method="in_person", term="long_term"
                    )
            added += 1
    return added
