"""Reads of assessments, always through what the acting membership may see: the council's staff their council's
assessments; a provider's staff only the work their organisation did, for people handed to it."""

from django.db.models import QuerySet

from assessflow.people.selectors import on_person_for, people_visible_to
from assessflow.tenancy.models import Membership
from assessflow.tenancy.roles import OrganisationKind

from .models import Assessment, AssessmentSettings, Check


def assessments_visible_to(membership: Membership) -> QuerySet[Assessment]:
    org = membership.organisation
    found = Assessment.objects.filter(person__in=people_visible_to(membership))
    if org.kind == OrganisationKind.COUNCIL:
        return found.filter(council=org)
    if org.kind == OrganisationKind.PROVIDER:
        return found.filter(organisation=org)
    return found.none()


def assessment_for(membership: Membership, pk: int, *, session=None, to_change: bool = False) -> Assessment:
    """The assessment if this membership may see it (404 otherwise); its person's record opened as `person_for`
    opens it, restrictions and all, and logged."""
    return on_person_for(
        assessments_visible_to(membership).select_related("entry", "assessor", "organisation", "contract", "cared_for"),
        membership,
        pk,
        session,
        to_change=to_change,
    )


def settings_for(council) -> AssessmentSettings:
    found = AssessmentSettings.objects.filter(council=council).first()
    return found if found is not None else AssessmentSettings(council=council)


def checks_of(assessment: Assessment) -> QuerySet[Check]:
    return Check.objects.filter(assessment=assessment).select_related("decided_by")


def returned_sections(assessment: Assessment) -> set[str]:
    """The sections the latest return asked to change, while the work is back with the assessor."""
    if assessment.status != Assessment.Status.RETURNED:
        return set()
    last = Check.objects.filter(assessment=assessment, outcome=Check.Outcome.RETURNED).order_by("-pk").first()
    return set(last.reasons) if last is not None else set()
