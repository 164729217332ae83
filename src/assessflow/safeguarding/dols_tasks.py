"""The six assessments of a DoLS request as a task list: each one's status, who made it, and who may record it."""

from dataclasses import dataclass

from django.urls import reverse

from .access import may_assess
from .categories import ASSESSED_BY, AssessedBy, Requirement
from .models import DolsApplication, DolsAssessment

# The order the assessments are usually made in: the quick checks of age and refusals first, best interests last,
# as it draws on the others.
ORDER = (
    Requirement.AGE,
    Requirement.NO_REFUSALS,
    Requirement.MENTAL_CAPACITY,
    Requirement.MENTAL_HEALTH,
    Requirement.ELIGIBILITY,
    Requirement.BEST_INTERESTS,
)
COMPLETED, NOT_STARTED, CANNOT_START = "Completed", "Not started", "Cannot start yet"


def slug(requirement: str) -> str:
    """The requirement as it is written in its page's address and name: mental_health as mental-health."""
    return requirement.replace("_", "-")


def url_name(requirement: str) -> str:
    return f"safeguarding:dols-assess-{slug(requirement)}"


@dataclass(frozen=True)
class AssessmentTask:
    requirement: str
    name: str
    status: str
    hint: str
    url: str  # empty when this user may not record it now
    assessment: DolsAssessment | None


def _named(application: DolsApplication, assessed_by: str) -> bool:
    if assessed_by == AssessedBy.BEST_INTERESTS:
        return application.best_interests_assessor_id is not None
    return application.mental_health_doctor_id is not None


def _who_may(requirement: str) -> str:
    labels = [AssessedBy(a).label.removeprefix("The ") for a in sorted(ASSESSED_BY[requirement])]
    return f"By the {' or the '.join(labels)}"


def _task(application: DolsApplication, membership, requirement: str, done: DolsAssessment | None) -> AssessmentTask:
    name = f"{Requirement(requirement).label} assessment"
    if done is not None:
        hint = f"{'Met' if done.met else 'Not met'}: {done.assessor_name}, {done.recorded_at:%-d %B %Y}"
        if done.recorded_by_id and done.recorded_by_id != done.assessor_id:
            hint += f", recorded by {done.recorded_by.full_name}"
        return AssessmentTask(requirement, name, COMPLETED, hint, "", done)
    named = [a for a in sorted(ASSESSED_BY[requirement]) if _named(application, a)]
    if application.status != DolsApplication.Status.WAITING:
        why = "Once the request is screened" if application.status == DolsApplication.Status.RECEIVED else ""
        return AssessmentTask(requirement, name, CANNOT_START, why, "", None)
    if not named:
        return AssessmentTask(requirement, name, CANNOT_START, f"{_who_may(requirement)}: name them first", "", None)
    url = reverse(url_name(requirement), args=[application.pk])
    if not any(may_assess(membership, application, a) for a in named):
        url = ""
    return AssessmentTask(requirement, name, NOT_STARTED, _who_may(requirement), url, None)


def assessment_tasks(application: DolsApplication, membership) -> list[AssessmentTask]:
    recorded = {a.requirement: a for a in application.assessments.select_related("assessor", "doctor", "recorded_by")}
    return [_task(application, membership, r, recorded.get(r)) for r in ORDER]
