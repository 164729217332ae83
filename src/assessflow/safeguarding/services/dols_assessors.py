"""Who may assess and sign a DoLS request, and recording the six assessments.

The best interests assessor holds that qualification (the pool's "bia" skill); the mental health
assessor is a doctor approved for the role, most often from outside the council; the two are
different people, and the signatory is neither of them nor anyone who recorded an assessment.
Recording assessments moves the request's waiting-list entry on: the first starts the work, the
sixth completes it.
"""

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access, record_on_person
from assessflow.core.extensions import ExtensionPoint
from assessflow.pathway.models import EventType
from assessflow.pathway.transitions import IllegalMove, claim
from assessflow.people.services import change_status_on_timeline, record_on_pathway
from assessflow.tenancy.models import Organisation, User
from assessflow.waiting.models import WaitingListEntry
from assessflow.waiting.moves import ENTRY, ENTRY_MOVES
from assessflow.waiting.services import leave_list
from assessflow.waiting.tallies import bump_entry

from ..access import may_assess
from ..actions import AccessAction
from ..categories import ASSESSED_BY, AssessedBy, Requirement
from ..models import ApprovedDoctor, DolsApplication, DolsAssessment
from . import council_workers

DOCTOR_FIELDS = ("name", "gmc_number", "approval", "approval_reference", "organisation", "approval_ends_on", "user")
# Who holds the best interests assessor's qualification is kept in the assessor pool, which belongs to the
# allocation app above this one: it registers how to ask, (council_id, user) -> bool, and with none registered
# nobody qualifies.
BIA_CHECKS: ExtensionPoint[Callable[[int, User], bool]] = ExtensionPoint("safeguarding.bia_checks")


def is_bia(council_id: int, user: User) -> bool:
    """An approved best interests assessor of the council: its own worker, holding the qualification."""
    return bool(council_workers(council_id, [user])) and any(check(council_id, user) for check in BIA_CHECKS)


def approved_doctors(council, today: datetime.date):
    """The doctors who may be named today: the council's own records, approval still current."""
    return ApprovedDoctor.objects.filter(council=council, approval_ends_on__gte=today).order_by("name", "pk")


def add_doctor(*, actor: Actor, council: Organisation, values: dict) -> ApprovedDoctor:
    """Record a doctor approved to be a mental health assessor; a staff doctor is linked to their account."""
    user = values.get("user")
    if user is not None and not council_workers(council.pk, [user]):
        raise ValidationError({"user": "Choose a worker of the council, or leave it empty for an external doctor"})
    if values["approval_ends_on"] < timezone.localdate():
        raise ValidationError({"approval_ends_on": "The approval must not have ended already"})
    doctor = ApprovedDoctor(council=council, added_by=actor.user, **{f: values.get(f) for f in DOCTOR_FIELDS})
    doctor.approval_reference = doctor.approval_reference or ""
    doctor.full_clean(exclude=["council", "added_by", "user"])
    with transaction.atomic():
        doctor.save()
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.DOLS_DOCTOR_ADDED,
            obj=doctor,
            council_id=council.pk,
            fields=list(DOCTOR_FIELDS),
        )
    return doctor


def _check_assessors(application: DolsApplication, bia: User | None, doctor: ApprovedDoctor | None) -> None:
    errors = {}
    if bia is not None and not is_bia(application.council_id, bia):
        errors["best_interests_assessor"] = (
            f"Choose an approved best interests assessor: {bia.full_name} does not hold the qualification"
        )
    if doctor is not None:
        today = timezone.localdate()
        if doctor.council_id != application.council_id:
            errors["mental_health_assessor"] = "Choose a doctor approved by the council"
        elif not doctor.approved_on(today):
            ended = f"{doctor.approval_ends_on:%-d %B %Y}"
            errors["mental_health_assessor"] = (
                f"Choose a doctor whose approval is current: {doctor.name}'s ended {ended}"
            )
        elif bia is not None and doctor.user_id == bia.pk:
            errors["mental_health_assessor"] = "The mental health assessor must not be the best interests assessor"
    if errors:
        raise ValidationError(errors)


def name_assessors(
    *,
    actor: Actor,
    application: DolsApplication,
    best_interests: User | None,
    mental_health: ApprovedDoctor | None,
    expected_version: int,
) -> DolsApplication:
    """The best interests assessor (an approved BIA of the council) and the mental health assessor (an approved
    doctor), two different people."""
    if not application.is_open:
        raise IllegalMove("This request is no longer open.")
    _check_assessors(application, best_interests, mental_health)
    with transaction.atomic():
        claim(
            application,
            expected_version=expected_version,
            what="DoLS request",
            best_interests_assessor=best_interests,
            mental_health_doctor=mental_health,
            mental_health_assessor=mental_health.user if mental_health else None,
        )
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.DOLS_ASSESSORS_NAMED,
            obj=application,
            fields=["best_interests_assessor", "mental_health_assessor"],
        )
    return application


def assessor_allocated(*, actor: Actor, entry, assessor: User) -> None:
    """DoLS work allocated from the waiting list (to a BIA, as the pool's rules require): the assessor becomes the
    request's best interests assessor, if it has none yet, so they can open the record they are to work on."""
    application = DolsApplication.objects.filter(waiting_entry=entry, best_interests_assessor__isnull=True).first()
    if application is None or not application.is_open or application.mental_health_assessor_id == assessor.pk:
        return
    claim(application, what="DoLS request", best_interests_assessor=assessor)
    record_on_person(
        actor=actor,
        kind=AccessEvent.Kind.CHANGE,
        action=AccessAction.DOLS_ASSESSORS_NAMED,
        obj=application,
        fields=["best_interests_assessor"],
    )


def _who_assessed(application: DolsApplication, requirement: str, assessed_by: str) -> dict:
    """The assessor of record for this requirement: named on the request, and allowed to assess it."""
    if assessed_by not in AssessedBy.values:
        raise ValidationError({"assessed_by": "Select who carried out the assessment"})
    if assessed_by not in ASSESSED_BY[requirement]:
        allowed = " or ".join(AssessedBy(a).label.lower() for a in sorted(ASSESSED_BY[requirement]))
        what = Requirement(requirement).label.lower()
        raise ValidationError({"assessed_by": f"The {what} assessment is made by {allowed}"})
    if assessed_by == AssessedBy.BEST_INTERESTS:
        if application.best_interests_assessor_id is None:
            raise ValidationError({"assessed_by": "Name the best interests assessor before recording their assessment"})
        return {"assessor_id": application.best_interests_assessor_id}
    if application.mental_health_doctor_id is None:
        raise ValidationError({"assessed_by": "Name the mental health assessor before recording their assessment"})
    return {"assessor_id": application.mental_health_assessor_id, "doctor_id": application.mental_health_doctor_id}


def _recommendation(requirement: str, met: bool, months: int | None) -> None:
    if requirement == Requirement.BEST_INTERESTS and met and not (months and 1 <= months <= 12):
        raise ValidationError(
            {"recommended_months": "Enter the longest period the assessor recommends, from 1 to 12 months"}
        )


def record_assessment(
    *,
    actor: Actor,
    application: DolsApplication,
    requirement: str,
    met: bool,
    finding: str,
    assessed_by: str,
    recommended_months: int | None = None,
    recommended_conditions: str = "",
) -> DolsAssessment:
    """One of the six requirements, recorded once, against the named assessor who did it: by them, by the DoLS
    team, or (for an external doctor, who has no account) by the best interests assessor on their behalf."""
    if application.status != DolsApplication.Status.WAITING:
        raise IllegalMove("Assessments are recorded once the request is screened and before the decision.")
    if requirement not in Requirement.values:
        raise ValidationError({"requirement": "Select the requirement assessed"})
    who = _who_assessed(application, requirement, assessed_by)
    if not may_assess(actor.acting_membership, application, assessed_by):
        raise ValidationError(
            {"requirement": "Only the DoLS team or the assessor named for it may record this assessment"}
        )
    recorded = ValidationError({"requirement": f"The {Requirement(requirement).label.lower()} assessment is recorded"})
    if application.assessments.filter(requirement=requirement).exists():
        raise recorded
    if not finding.strip():
        raise ValidationError({"finding": "Record what the assessment found"})
    _recommendation(requirement, met, recommended_months)
    with transaction.atomic():
        try:
            with transaction.atomic():
                assessment = DolsAssessment.objects.create(
                    council_id=application.council_id,
                    application=application,
                    requirement=requirement,
                    met=met,
                    assessed_by=assessed_by,
                    recorded_by=actor.user,
                    finding=finding.strip(),
                    **who,
                )
        except IntegrityError:  # the same requirement recorded at the same moment by someone else
            raise recorded from None
        if requirement == Requirement.BEST_INTERESTS and met:
            claim(
                application,
                what="DoLS request",
                recommended_months=recommended_months,
                recommended_conditions=recommended_conditions.strip(),
            )
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.DOLS_ASSESSED,
            obj=assessment,
            person_id=application.person_id,
            detail={"requirement": requirement, "met": met},
        )
        _move_waiting_entry(actor, application)
    return assessment


def _move_waiting_entry(actor: Actor, application: DolsApplication) -> None:
    """The first assessment starts the work on the waiting list (someone is on it); the sixth completes it."""
    entry_id = application.waiting_entry_id
    entry = WaitingListEntry.objects.filter(pk=entry_id).first() if entry_id is not None else None
    if entry is None or entry.status not in (WaitingListEntry.Status.WAITING, WaitingListEntry.Status.ALLOCATED):
        return
    done = application.assessments.count()
    if done == 1:
        started = {"title": "DoLS assessments started", "url": reverse("waiting:entry", args=[entry.pk])}
        if entry.status == WaitingListEntry.Status.WAITING:
            change_status_on_timeline(
                entry,
                moves=ENTRY_MOVES,
                to=WaitingListEntry.Status.ALLOCATED,
                actor=actor,
                event_kind=EventType.ASSESSMENT_STARTED,
                action=AccessAction.DOLS_ASSESSED,
                what=ENTRY,
                **started,
            )
            bump_entry(entry, -1)
        else:  # already allocated: the work starts, the status stays
            record_on_pathway(
                actor=actor,
                person=application.person,
                work_item=entry,
                event_type=EventType.ASSESSMENT_STARTED,
                from_status=entry.status,
                to_status=entry.status,
                title=started["title"],
                url=started["url"],
            )
    if done == len(Requirement.values):
        leave_list(actor=actor, entry=entry, status=WaitingListEntry.Status.COMPLETED, reason_code="assessed")


def signatory_errors(application: DolsApplication, user: User) -> list[str]:
    """Why this user may not sign: the signatory is independent of both assessors and of the assessments."""
    if user.pk == application.best_interests_assessor_id:
        return ["You are the best interests assessor on this request: another signatory must decide"]
    if user.pk == application.mental_health_assessor_id:
        return ["You are the mental health assessor on this request: another signatory must decide"]
    mine = [
        Requirement(r).label.lower()
        for r in application.assessments.filter(recorded_by=user).values_list("requirement", flat=True)
    ]
    mine += [
        Requirement(r).label.lower()
        for r in application.assessments.filter(assessor=user)
        .exclude(recorded_by=user)
        .values_list("requirement", flat=True)
    ]
    if mine:
        return [f"You recorded the {', '.join(mine)} assessment: the signatory must be independent of the assessments"]
    return []
