"""The demo council's backlog on its waiting lists, and a few referrals waiting for screening.

Deterministic and idempotent: people whose review is due within four weeks (or overdue) wait
for an annual review; the first referrals in the demo are left for the front door to screen.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.frontdoor.models import Referral
from assessflow.frontdoor.services import default_route_of_access
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.people.models import Person
from assessflow.tenancy.models import Organisation

from .models import Priority, WaitingListEntry, WorkType
from .tallies import bump_many
from .timescales import DEFAULT_CONTACT_DAYS

CHUNK = 5000
REFERRALS = (
    ("gp", "Falls at home twice this month; daughter worried she is not eating."),
    ("hospital_discharge", "Medically fit for discharge; needs help with personal care twice a day."),
    ("family", "Son says his father is confused at night and has left the gas on."),
    ("self", "Would like help with shopping and getting to the day centre."),
    ("housing", "Tenant struggling to keep the flat clean; hoarding reported by neighbours."),
    ("police", "Found wandering late at night; returned home by officers."),
)


def _priority(rng: random.Random) -> str:
    return rng.choices([Priority.RED, Priority.AMBER, Priority.GREEN], weights=[10, 35, 55])[0]


@scopes_disabled()
def load_demo_waiting(council: Organisation, today: datetime.date) -> int:
    """Returns how many entries were added."""
    added = 0
    due_before = today + datetime.timedelta(days=28)
    waiting_ids = set(WaitingListEntry.objects.filter(council=council).values_list("person_id", flat=True))
    people = (
        Person.objects.filter(council=council, review_due_on__lte=due_before, date_of_death__isnull=True)
        .order_by("pk")
        .values_list("pk", "review_due_on")
    )
    batch = []
    for person_id, review_due_on in people.iterator(chunk_size=CHUNK):
        if person_id in waiting_ids:
            continue
        rng = random.Random(f"waiting:{person_id}")  # noqa: S311  (repeatable demo data, not a secret)
        priority = _priority(rng)
        # They join the list four weeks before the review is due (the check-in point), and the entry is due on
        # the review date itself, as an imported review is: one date for one fact on every page.
        joined = review_due_on - datetime.timedelta(days=28)
        batch.append(
            WaitingListEntry(
                council=council,
                person_id=person_id,
                work_type=WorkType.ANNUAL_REVIEW,
                priority=priority,
                priority_rationale="Annual review of a current package (demo backlog)",
                added_at=timezone.make_aware(datetime.datetime.combine(joined, datetime.time(9, 0))),
                due_on=review_due_on,
                next_contact_on=joined + datetime.timedelta(days=DEFAULT_CONTACT_DAYS[priority] * rng.randint(1, 12)),
            )
        )
        if len(batch) >= CHUNK:
            added += _save(batch)
            batch = []
    if batch:
        added += _save(batch)
    _referrals(council)
    return added


def _save(entries: list[WaitingListEntry]) -> int:
    with transaction.atomic():
        saved = WaitingListEntry.objects.bulk_create(entries)
        bump_many(entries)
        PathwayEvent.objects.bulk_create(
            PathwayEvent(
                council_id=e.council_id,
                person_id=e.person_id,
                work_item_type="waiting.waitinglistentry",
                work_item_id=str(e.pk),
                event_type=EventType.WAITING_LIST_ADDED,
                to_status=e.status,
                reason_code=e.priority,
                occurred_at=e.added_at,
                detail={"loaded_by": "load_demo"},
            )
            for e in saved
            if e.pk
        )
    return len(entries)


def _referrals(council: Organisation) -> None:
    """Six referrals for the front door to screen, on people not already waiting."""
    if Referral.objects.filter(council=council, channel__in=["phone", "email"], recorded_by__isnull=True).exists():
        return
    free = Person.objects.filter(council=council, waiting_list_entries__isnull=True).order_by("pk")[: len(REFERRALS)]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    with transaction.atomic():
        for days_ago, (person, (source, reason)) in enumerate(zip(free, REFERRALS, strict=False)):
            referral = Referral.objects.create(
                council=council,
                person=person,
                kind=Referral.Kind.REFERRAL,
                channel=Referral.Channel.PHONE,
                source=source,
                route_of_access=default_route_of_access(source),
                reason=reason,
                urgency=Referral.Urgency.SOON
                if source in ("hospital_discharge", "police")
                else Referral.Urgency.ROUTINE,
                consent_to_referral=True,
                # The oldest waits longest in the screening queue, as a real front door's would.
                received_at=now - datetime.timedelta(days=len(REFERRALS) - days_ago),
            )
            PathwayEvent.objects.create(
                council_id=council.pk,
                person_id=person.pk,
                work_item_type="frontdoor.referral",
                work_item_id=str(referral.pk),
                event_type=EventType.REFERRAL_RECEIVED,
                to_status=referral.status,
                reason_code=source,
                occurred_at=referral.received_at,
                detail={"loaded_by": "load_demo"},
            )
