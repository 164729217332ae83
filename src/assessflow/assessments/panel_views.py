"""The funding panel's pages: the queue, its printable agenda, one case's summary with the decision, and the
printable record of a decision. A panel member reads the summary only, never the person's record."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.core import journeys
from assessflow.pathway.transitions import IllegalMove, MoveConflict
from assessflow.people.extensions import person_page
from assessflow.tenancy.permissions import permission_required

from . import costs, panel_selectors, selectors
from .actions import AccessAction
from .panel_forms import PanelDecisionForm
from .services import panel


def _summaries(request: HttpRequest, assessments: list, page: str) -> list:
    actor = Actor.from_request(request)
    for assessment in assessments:
        panel.record_viewed(actor=actor, assessment=assessment, page=page)
    return panel_selectors.summaries(assessments, today=timezone.localdate())


@require_GET
@permission_required("assessments.panel")
def queue(request: HttpRequest) -> HttpResponse:
    found = _summaries(request, list(panel_selectors.panel_queue(request.membership)), "queue")
    return render(request, "assessments/panel/queue.html", {"summaries": found})


@require_GET
@permission_required("assessments.panel")
def agenda(request: HttpRequest) -> HttpResponse:
    found = _summaries(request, list(panel_selectors.panel_queue(request.membership)), "agenda")
    return render(request, "assessments/panel/agenda.html", {"summaries": found, "printed_on": timezone.localdate()})


@require_http_methods(["GET", "POST"])
@permission_required("assessments.panel")
def case(request: HttpRequest, assessment_id: int) -> HttpResponse:
    item = panel_selectors.panel_case_for(
        request.membership, assessment_id, session=request.session, to_change=request.method == "POST"
    )
    form = PanelDecisionForm(request.POST or None, initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = panel.decide(
                actor=Actor.from_request(request),
                assessment=item,
                decision=data["decision"],
                changes=data["changes"],
                reasons=data["reasons"],
                expected_version=data["version"],
            )
            return journeys.done(
                request,
                f"Decision recorded: {decision.get_decision_display().lower()}",
                "assessments:panel-decision",
                decision.pk,
            )
        except MoveConflict:
            form.add_error(None, "Someone else recorded a decision on this plan while you were reading it.")
        except IllegalMove as error:
            form.add_error(None, error.messages)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
    [summary] = _summaries(request, [item], "case")
    return render(
        request,
        "assessments/panel/case.html",
        {"summary": summary, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
@permission_required("assessments.panel")
def decision_record(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = panel_selectors.decision_for(request.membership, decision_id, session=request.session)
    [summary] = _summaries(request, [decision.assessment], "decision record")
    return render(
        request,
        "assessments/panel/decision.html",
        {"decision": decision, "summary": summary, "weekly_seen": costs.pounds(decision.weekly_cost_pence)},
    )


@require_GET
@permission_required("assessments.view")
def outcome(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The panel's decisions as the assessor reads them, from the assessment's task list."""
    item = selectors.assessment_for(request.membership, assessment_id, session=request.session)
    record_on_person(
        actor=Actor.from_request(request), kind=AccessEvent.Kind.VIEW, action=AccessAction.VIEWED, obj=item
    )
    return render(
        request,
        "assessments/panel/outcome.html",
        {
            "assessment": item,
            "panel_decisions": list(panel_selectors.decisions_of(item)),
            **person_page(request.membership, item.person),
        },
    )
