"""The agreed outcome: the determination on the pathway, the plan in force with its services started, the first
review date set, and the waiting-list entry completed, all in one transaction."""

import datetime

from django.db import transaction
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.frontdoor.models import Referral
from assessflow.frontdoor.services import record_outcome
from assessflow.pathway.models import EventType
from assessflow.people.models import Person
from assessflow.people.services import record_on_pathway
from assessflow.waiting.models import WaitingListEntry
from assessflow.waiting.services import leave_list

from ..actions import AccessAction
from ..models import Assessment, PlanLine, SupportPlan
from ..selectors import settings_for


def first_review_on(plan_starts_on: datetime.date, *, weeks: int) -> datetime.date:
    """The first review falls `weeks` after the plan starts (6 by default, a council setting)."""
    return plan_starts_on + datetime.timedelta(weeks=weeks)


def _start_line(*, actor: Actor, line: PlanLine, person: Person, when: datetime.datetime) -> None:
    PlanLine.objects.filter(pk=line.pk, started_at__isnull=True).update(started_at=when)
    record_on_pathway(
        actor=actor,
        person=person,
        work_item=line,
        event_type=EventType.SERVICE_STARTED,
        title=f"{line.get_kind_display()} started",
        summary=line.provider_name,
        occurred_at=when,
    )


def start_due_services(*, actor: Actor, today: datetime.date) -> int:
    """Start the lines of agreed plans whose start date has come (run daily): each writes `service_started`."""
    started = 0
    lines = PlanLine.objects.filter(
        plan__is_current=True, started_at__isnull=True, starts_on__lte=today
    ).select_related("plan__person")
    for line in lines:
        with transaction.atomic():
            when = timezone.make_aware(datetime.datetime.combine(line.starts_on, datetime.time(9)))
            _start_line(actor=actor, line=line, person=line.plan.person, when=min(when, timezone.now()))
        started += 1
    return started


def _agree_plan(*, actor: Actor, assessment: Assessment, plan: SupportPlan, now: datetime.datetime) -> None:
    person = assessment.person
    SupportPlan.objects.filter(person=person, is_current=True).exclude(pk=plan.pk).update(is_current=False)
    lines = list(PlanLine.objects.filter(plan=plan))
    starts_on = min((line.starts_on for line in lines), default=timezone.localdate(now))
    SupportPlan.objects.filter(pk=plan.pk).update(is_current=True, agreed_at=now, starts_on=starts_on)
    record_on_pathway(
        actor=actor,
        person=person,
        work_item=plan,
        event_type=EventType.PLAN_AGREED,
        title="Support plan agreed",
        occurred_at=now,
    )
    today = timezone.localdate(now)
    for line in lines:
        if line.starts_on <= today:
            _start_line(actor=actor, line=line, person=person, when=now)
    weeks = settings_for(assessment.council).first_review_weeks
    review_due_on = first_review_on(starts_on, weeks=weeks)
    Person.objects.filter(pk=person.pk).update(review_due_on=review_due_on)
    record_on_person(
        actor=actor,
        kind=AccessEvent.Kind.CHANGE,
        action=AccessAction.AGREED,
        obj=plan,
        fields=["review_due_on"],
        detail={"review_due_on": review_due_on.isoformat()},
    )


def outcome_words(assessment: Assessment) -> str:
    """The outcome as the referral records it: what was decided, not what was found (the referrer, with the
    person's consent, reads these words and nothing more of the assessment)."""
    kind = assessment.get_kind_display()
    if assessment.eligible:
        return f"{kind} completed: eligible needs were found and a support plan has been agreed"
    return f"{kind} completed: no eligible needs were found; information and advice were given"


def record_agreed(*, actor: Actor, assessment: Assessment) -> None:
    """Called in the transaction that moves the assessment to "agreed"."""
    now = timezone.now()
    eligible = bool(assessment.eligible)
    with transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(agreed_at=now)
        record_on_pathway(
            actor=actor,
            person=assessment.person,
            work_item=assessment,
            event_type=EventType.ELIGIBILITY_DETERMINED,
            title="Eligible needs found" if eligible else "No eligible needs found",
            reason_code="eligible" if eligible else "not_eligible",
            occurred_at=now,
        )
        plan = SupportPlan.objects.filter(assessment=assessment).first()
        if eligible and plan is not None:
            _agree_plan(actor=actor, assessment=assessment, plan=plan, now=now)
        entry = WaitingListEntry.objects.get(pk=assessment.entry_id)
        if entry.referral_id is not None:
            record_outcome(
                actor=actor,
                referral=Referral.objects.get(pk=entry.referral_id),
                outcome=outcome_words(assessment),
                on=timezone.localdate(now),
            )
        if entry.status == WaitingListEntry.Status.ALLOCATED:
            leave_list(
                actor=actor,
                entry=entry,
                status=WaitingListEntry.Status.COMPLETED,
                reason_code="assessment_completed",
                event_kind=EventType.ASSESSMENT_COMPLETED,
            )
