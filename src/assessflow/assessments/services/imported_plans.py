"""A package a backlog file described, carried into the person's current support plan so the reviews can review it.

The file gives the package in words, with at most its weekly cost and start date; the plan gets one line saying
what the file said, with the kind of service read from its words (home care where the words name no other, as
most handover packages are). What the file did not say stays blank: the Client Level Data fields, the outcomes.
Safe to run twice: an entry carried over once is not carried again, and no one gets a second current plan.
"""

import datetime
import re

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled
from django_tasks import task

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.tenancy.models import User
from assessflow.waiting.models import WaitingListEntry

from ..actions import AccessAction
from ..models import Frequency, PlanLine, ServiceKind, SupportPlan

PACKAGE_KEYS = ("package_services", "package_weekly_pence")
# The words that name each kind of service in a handover file, tried in this order (a care home's "respite" is not
# a carer's break, so care homes come first).
KIND_WORDS: tuple[tuple[ServiceKind, tuple[str, ...]], ...] = (
    (ServiceKind.CARE_HOME, ("care home", "residential", "nursing home", "nursing care")),
    (ServiceKind.REABLEMENT, ("reablement", "re-ablement", "intermediate care")),
    (ServiceKind.DIRECT_PAYMENT, ("direct payment",)),
    (ServiceKind.DAY_OPPORTUNITIES, ("day centre", "day center", "day care", "day service", "day opportunit")),
    (ServiceKind.TECHNOLOGY, ("telecare", "technology", "lifeline", "pendant alarm", "careline")),
    (ServiceKind.EQUIPMENT, ("equipment", "adaptation", "stairlift", "hoist", "grab rail")),
    (ServiceKind.CARER_SUPPORT, ("carer", "respite", "sitting service")),
    (ServiceKind.COMMUNITY, ("community group", "lunch club", "befriending")),
)


def kind_named(words: str) -> ServiceKind:
    text = re.sub(r"\s+", " ", words.lower())
    for kind, names in KIND_WORDS:
        if any(name in text for name in names):
            return kind
    return ServiceKind.HOME_CARE


def has_package(details: dict) -> bool:
    return any(details.get(key) not in (None, "") for key in PACKAGE_KEYS)


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _pence(value) -> int | None:
    try:
        pence = int(value)
    except (TypeError, ValueError):
        return None
    return pence if pence >= 0 else None


def import_package(*, actor: Actor, entry: WaitingListEntry) -> SupportPlan | None:
    """The entry's package as the person's current plan, or None: no package, already carried, or a plan in force."""
    details = entry.imported_details or {}
    if not has_package(details):
        return None
    if SupportPlan.objects.filter(imported_from=entry).exists():
        return None
    if SupportPlan.objects.filter(person_id=entry.person_id, is_current=True).exists():
        return None
    words = str(details.get("package_services") or "").strip()
    weekly = _pence(details.get("package_weekly_pence"))
    starts_on = _date(details.get("package_start_on"))
    kind = kind_named(words)
    try:
        with transaction.atomic():
            plan = SupportPlan.objects.create(
                council_id=entry.council_id,
                person_id=entry.person_id,
                imported_from=entry,
                is_current=True,
                starts_on=starts_on,
                direct_payment=kind == ServiceKind.DIRECT_PAYMENT,
            )
            described = words or "Package named in the handover file, without its services"
            line = PlanLine.objects.create(
                council_id=entry.council_id,
                plan=plan,
                kind=kind,
                description=described[:200],
                starts_on=starts_on or timezone.localdate(entry.added_at),
                cost_pence=weekly or 0,
                frequency=Frequency.WEEK,
                units=1,
                cld_delivery="Direct payment" if kind == ServiceKind.DIRECT_PAYMENT else "",
                # The services were running before the case came here: the line is in force, not waiting to start.
                started_at=timezone.now(),
            )
            record_on_person(
                actor=actor,
                kind=AccessEvent.Kind.CHANGE,
                action=AccessAction.PLAN_IMPORTED,
                obj=plan,
                fields=["is_current", "starts_on", "direct_payment", "kind", "description", "cost_pence"],
                detail={
                    "entry": entry.pk,
                    "import": entry.backlog_import_id,
                    "line": line.pk,
                    "cost_known": weekly is not None,
                },
            )
    except IntegrityError:  # a current plan was made for the person meanwhile: theirs stands
        return None
    return plan


def import_packages(*, actor: Actor, job_id: int) -> int:
    """Every package of one import's cases carried into a plan; how many plans were made."""
    with_package = Q(imported_details__has_key=PACKAGE_KEYS[0]) | Q(imported_details__has_key=PACKAGE_KEYS[1])
    entries = WaitingListEntry.objects.filter(with_package, backlog_import_id=job_id).order_by("pk")
    made = 0
    for entry in entries.iterator():
        if import_package(actor=actor, entry=entry) is not None:
            made += 1
    return made


def carry_over_packages(*, job_id: int, user_id: int) -> None:
    """Registered on `waiting.extensions.BACKLOG_PUBLISHED` in the app's ready()."""
    import_imported_packages.enqueue(job_id, user_id)


@task()
def import_imported_packages(job_id: int, user_id: int) -> None:
    with scopes_disabled():  # a worker has no request: the import names its council
        import_packages(actor=Actor.system("backlog import", user=User.objects.get(pk=user_id)), job_id=job_id)
