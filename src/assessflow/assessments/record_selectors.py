"""Reads for recording an assessment: the allocation an assessor starts from, their drafts, the carers to offer an
assessment and the people a carer may care for, each within what the acting membership may see."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from assessflow.allocation.extensions import CaseloadAction
from assessflow.allocation.models import Allocation
from assessflow.allocation.selectors import own_caseload
from assessflow.people.models import Person, Relationship
from assessflow.people.selectors import PersonSearch, people_visible_to, search_people
from assessflow.tenancy.models import Membership
from assessflow.waiting.models import WaitingListEntry, WorkType

from .models import Assessment, Draft, Kind


def allocation_to_start(membership: Membership, entry_id: int) -> Allocation | None:
    """The acting assessor's own open allocation of this entry, or None: only the allocated assessor starts work."""
    return own_caseload(membership).select_related("entry", "entry__person").filter(entry_id=entry_id).first()


def started_for_entries(entry_ids) -> dict[int, int]:
    """{entry id: its assessment's id} for the entries already started, in one query."""
    return dict(Assessment.objects.filter(entry_id__in=list(entry_ids)).values_list("entry_id", "pk"))


def draft_of(*, user, assessment: Assessment, section: str) -> Draft | None:
    return Draft.objects.filter(assessment=assessment, section=section, user=user).first()


def carers_to_offer(assessment: Assessment) -> list[Relationship]:
    """The person's unpaid carers, on record as people or named only, who have no carer's assessment waiting or
    under way."""
    if assessment.is_carers:
        return []
    offered = WaitingListEntry.objects.filter(
        person=OuterRef("related_person"),
        work_type=WorkType.CARERS_ASSESSMENT,
        status__in=(WaitingListEntry.Status.WAITING, WaitingListEntry.Status.ALLOCATED),
    )
    return list(
        Relationship.objects.filter(person=assessment.person, ended_on__isnull=True)
        .filter(Q(kind=Relationship.Kind.CARER) | Q(provides_unpaid_care=True))
        .exclude(Exists(offered))
        .select_related("related_person")
    )


def people_cared_for(
    membership: Membership, assessment: Assessment, *, search: PersonSearch | None = None, chosen_id=None
) -> tuple[list[Person], list[Person]]:
    """Whom a carer may be caring for: the people linked to them on record either way, whoever is chosen already
    (or being chosen), and a search's matches; all within what the membership may see. Returns (choices, found)."""
    carer = assessment.person
    linked = Q(relationships__related_person=carer, relationships__ended_on__isnull=True) | Q(
        related_to__person=carer, related_to__ended_on__isnull=True
    )
    for pk in (assessment.cared_for_id, chosen_id):
        if pk:
            linked |= Q(pk=pk)
    choices = list(
        people_visible_to(membership).filter(linked).exclude(pk=carer.pk).distinct().order_by("family_name", "pk")
    )
    found = [p for p in search_people(membership, search) if p.pk != carer.pk] if search else []
    known = {p.pk for p in choices}
    return choices + [p for p in found if p.pk not in known], found


def caseload_actions(membership: Membership, allocations: list[Allocation]) -> dict:
    """On the assessor's caseload: "Start assessment" for allocated assessment work, "Continue assessment" once
    started, read for every row in one query."""
    kinds = set(Kind.values)
    rows = [a for a in allocations if a.entry.work_type in kinds]
    started = started_for_entries(a.entry_id for a in rows)
    actions = {}
    for a in rows:
        if a.entry_id in started:
            actions[a.pk] = CaseloadAction(
                "Continue assessment", reverse("assessments:assessment", args=[started[a.entry_id]])
            )
        else:
            actions[a.pk] = CaseloadAction(
                "Start assessment", reverse("assessments:start", args=[a.entry_id]), post=True
            )
    return actions
