"""The assessment's own page: what was recorded, the determination, and where the work has got to."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.people.extensions import person_page
from assessflow.tenancy.permissions import permission_required

from . import selectors
from .actions import AccessAction


@require_GET
@permission_required("assessments.view")
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.assessment_for(request.membership, pk, session=request.session)
    record_on_person(
        actor=Actor.from_request(request), kind=AccessEvent.Kind.VIEW, action=AccessAction.VIEWED, obj=item
    )
    return render(
        request,
        "assessments/assessment.html",
        {"assessment": item, "checks": selectors.checks_of(item), **person_page(request.membership, item.person)},
    )
