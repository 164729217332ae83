"""Reads for the safeguarding queue, the DoLS list and a person's safeguarding records, always through `access`."""

import datetime
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from assessflow.tenancy.models import Membership

from .access import concern_for, concerns_visible_to, dols_visible_to, settings_for
from .categories import Risk
from .deadlines import working_day_due
from .doctors import ApprovedDoctor
from .models import Concern, DolsApplication, Enquiry
from .services.dols import deadlines

_Record = TypeVar("_Record", Concern, DolsApplication)

RISK_RANK = Case(
    When(risk=Risk.HIGH, then=Value(0)),
    When(risk=Risk.MEDIUM, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class QueueRow:
    concern: Concern
    due_on: datetime.date
    step: str  # "triage" or "decision"
    overdue: bool


def concern_queue(membership: Membership, today: datetime.date) -> list[QueueRow]:
    """Open concerns by risk, then age, each with the date its next step is due (working days, bank holidays)."""
    found = settings_for(membership.organisation)
    open_concerns = (
        concerns_visible_to(membership)
        .filter(status__in=[Concern.Status.RECEIVED, Concern.Status.TRIAGED])
        .select_related("person", "raised_by_organisation")
        .annotate(rank=RISK_RANK)
        .order_by("rank", "raised_at", "pk")
    )
    rows = []
    for concern in open_concerns:
        raised_on = timezone.localdate(concern.raised_at)
        if concern.status == Concern.Status.RECEIVED:
            step, due = "triage", working_day_due(raised_on, found.triage_working_days)
        else:
            step, due = "decision", working_day_due(raised_on, found.decision_working_days)
        rows.append(QueueRow(concern, due, step, due < today))
    return rows


def open_enquiries(membership: Membership) -> QuerySet[Enquiry]:
    return (
        Enquiry.objects.filter(status=Enquiry.Status.OPEN, concern__in=concerns_visible_to(membership))
        .select_related("person", "lead")
        .order_by("started_at", "pk")
    )


@dataclass(frozen=True)
class DolsRow:
    application: DolsApplication
    decide_by: datetime.date
    urgent_until: datetime.date | None
    breached: bool


def dols_requests(membership: Membership, today: datetime.date) -> list[DolsRow]:
    """Open requests in deadline order, each flagged when its statutory deadline has passed."""
    applications = (
        dols_visible_to(membership)
        .filter(status__in=[DolsApplication.Status.RECEIVED, DolsApplication.Status.WAITING])
        .select_related("person")
    )
    rows = []
    for application in applications:
        due = deadlines(application)
        rows.append(DolsRow(application, due.decide_by, due.urgent_until, due.breached(decided_on=None, today=today)))
    return sorted(rows, key=lambda r: (r.decide_by, r.application.pk))


def authorisations_in_force(membership: Membership, today: datetime.date) -> QuerySet[DolsApplication]:
    return (
        dols_visible_to(membership)
        .filter(status=DolsApplication.Status.GRANTED, ends_on__gte=today)
        .select_related("person")
        .order_by("ends_on", "pk")
    )


def records_of(membership: Membership, person, session) -> dict:
    """A person's safeguarding and DoLS records: those this user may open, and how many they may not."""
    concerns = list(concerns_visible_to(membership, session).filter(person=person).select_related("enquiry"))
    applications = list(dols_visible_to(membership, session).filter(person=person))
    all_concerns = Concern.objects.filter(person=person).values_list("pk", flat=True)
    all_applications = DolsApplication.objects.filter(person=person).values_list("pk", flat=True)
    concern_ids, application_ids = {c.pk for c in concerns}, {a.pk for a in applications}
    hidden_concerns = [pk for pk in all_concerns if pk not in concern_ids]
    hidden_applications = [pk for pk in all_applications if pk not in application_ids]
    return {
        "concerns": concerns,
        "applications": applications,
        "hidden_concerns": hidden_concerns,
        "hidden_applications": hidden_applications,
        "hidden_count": len(hidden_concerns) + len(hidden_applications),
    }


def raised_by(membership: Membership) -> QuerySet[Concern]:
    """The concerns this user raised: what the acknowledgement shows, and nothing of what follows."""
    return Concern.objects.filter(raised_by=membership.user, raised_by_organisation=membership.organisation)


def acknowledgement(membership: Membership, concern_id: int) -> tuple[Concern, bool]:
    """A concern this user raised, and whether they may also open its record (as safeguarding staff)."""
    concern = raised_by(membership).select_related("person").filter(pk=concern_id).first()
    if concern is None:
        raise Http404("Not found")
    return concern, concerns_visible_to(membership).filter(pk=concern.pk).exists()


def portal_concerns(membership: Membership) -> QuerySet[Concern]:
    """What a referring organisation raised in the portal: its own, whoever of its staff raised them."""
    return Concern.objects.filter(raised_by_organisation=membership.organisation).order_by("-raised_at", "-pk")


def portal_requests(membership: Membership) -> QuerySet[DolsApplication]:
    """A managing authority's own DoLS requests."""
    return DolsApplication.objects.filter(managing_authority_organisation=membership.organisation).order_by(
        "-received_at", "-pk"
    )


def _one(found: QuerySet[_Record], pk: int) -> _Record:
    item = found.filter(pk=pk).first()
    if item is None:
        raise Http404("Not found")
    return item


def portal_concern(membership: Membership, concern_id: int) -> Concern:
    return _one(portal_concerns(membership), concern_id)


def portal_request(membership: Membership, application_id: int) -> DolsApplication:
    return _one(portal_requests(membership), application_id)


def enquiry_for(membership: Membership, enquiry_id: int, session) -> Enquiry:
    """An enquiry through its concern, so the concern's visibility and restriction decide who may open it."""
    concern_id = Enquiry.objects.filter(pk=enquiry_id).values_list("concern_id", flat=True).first()
    if concern_id is None:
        raise Http404("Not found")
    return concern_for(membership, concern_id, session).enquiry


def record_behind_glass(
    membership: Membership, *, concern_id: int | None, application_id: int | None
) -> Concern | DolsApplication:
    """The council's own concern or DoLS request someone asks to break the glass on; 404 for any other."""
    council = membership.organisation
    if concern_id is not None:
        return _one(Concern.objects.select_related("person").filter(council=council), concern_id)
    if application_id is not None:
        return _one(DolsApplication.objects.select_related("person").filter(council=council), application_id)
    raise Http404("Not found")


def approved_doctors(membership: Membership) -> QuerySet[ApprovedDoctor]:
    return ApprovedDoctor.objects.filter(council=membership.organisation)
