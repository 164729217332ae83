"""Producing an assessment's letters from its page: the determination with its reasons, and a copy on request."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.core import journeys
from assessflow.pathway.transitions import IllegalMove
from assessflow.people.extensions import person_page
from assessflow.tenancy.permissions import permission_required

from . import selectors
from .actions import AccessAction
from .panel_forms import LetterForm
from .services import letters


@require_GET
@permission_required("assessments.view")
def letters_page(request: HttpRequest, assessment_id: int) -> HttpResponse:
    item = selectors.assessment_for(request.membership, assessment_id, session=request.session)
    record_on_person(
        actor=Actor.from_request(request), kind=AccessEvent.Kind.VIEW, action=AccessAction.VIEWED, obj=item
    )
    found = letters.may_produce(item)
    choices = [
        ("assessments:letter-determination", "Produce the decision letter", LetterForm()),
        ("assessments:letter-copy", "Produce a copy of the assessment", LetterForm()),
    ]
    return render(
        request,
        "assessments/panel/letters.html",
        {
            "assessment": item,
            "may_produce_letters": found,
            "letters": choices if found else [],
            **person_page(request.membership, item.person),
        },
    )


def _produce(request: HttpRequest, assessment_id: int, letter: letters.Letter) -> HttpResponse:
    item = selectors.assessment_for(request.membership, assessment_id, session=request.session, to_change=True)
    form = LetterForm(request.POST)
    if not form.is_valid() or not letters.may_produce(item):
        return redirect("assessments:assessment", item.pk)
    try:
        document = letters.produce(
            actor=Actor.from_request(request),
            assessment=item,
            letter=letter,
            submission_id=form.cleaned_data["submission_id"],
            large_print=form.cleaned_data["large_print"],
        )
    except IllegalMove:
        return redirect("assessments:assessment", item.pk)
    return journeys.done(request, f"Letter filed on the record: {document.title}", "casework:letter", document.pk)


@require_POST
@permission_required("assessments.view")
def determination_letter(request: HttpRequest, assessment_id: int) -> HttpResponse:
    return _produce(request, assessment_id, letters.Letter.DETERMINATION)


@require_POST
@permission_required("assessments.view")
def copy_letter(request: HttpRequest, assessment_id: int) -> HttpResponse:
    return _produce(request, assessment_id, letters.Letter.COPY)
