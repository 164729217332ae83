"""Quality assurance and sign-off pages: the checker's queue, the check page, and the council's assessment settings."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.core import journeys
from assessflow.pathway.transitions import IllegalMove
from assessflow.people.extensions import person_page
from assessflow.people.services import record_people_searched
from assessflow.tenancy.permissions import permission_required

from . import check_selectors
from .actions import AccessAction
from .check_forms import CheckForm, SettingsForm, reason_sections
from .selectors import settings_for
from .services.checks import decide, save_settings


def _require_checker(request: HttpRequest) -> None:
    if not check_selectors.may_check_anything(request.membership):
        raise PermissionDenied("Your role does not check assessments.")


@require_GET
@permission_required("assessments.view")
def queue(request: HttpRequest) -> HttpResponse:
    _require_checker(request)
    rows = check_selectors.check_queue(request.membership)
    people = [w.assessment.person for w in rows]
    if people:
        record_people_searched(
            actor=Actor.from_request(request),
            council_ids=sorted({p.council_id for p in people}),
            criteria=["checks queue"],
            found=people,
        )
    return render(request, "assessments/checks/queue.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@permission_required("assessments.view")
def check(request: HttpRequest, assessment_id: int) -> HttpResponse:
    waiting = check_selectors.waiting_for(
        request.membership, assessment_id, session=request.session, to_change=request.method == "POST"
    )
    item = waiting.assessment
    sections = reason_sections(item)
    form = CheckForm(request.POST or None, sections=sections, initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        try:
            decide(
                actor=Actor.from_request(request),
                assessment=item,
                stage=waiting.stage,
                outcome=form.cleaned_data["outcome"],
                reasons=form.reasons(),
                comment=form.cleaned_data["comment"],
                expected_version=form.cleaned_data["version"],
            )
        except IllegalMove as error:
            form.add_error(None, error.messages)
        else:
            passed = form.cleaned_data["outcome"] == "passed"
            return journeys.done(
                request,
                f"{waiting.stage.label}: {'passed' if passed else 'returned to the assessor'}",
                "assessments:checks",
            )
    record_on_person(
        actor=Actor.from_request(request), kind=AccessEvent.Kind.VIEW, action=AccessAction.CHECK_VIEWED, obj=item
    )
    return render(
        request,
        "assessments/checks/check.html",
        {
            "assessment": item,
            "stage": waiting.stage,
            "record": check_selectors.record_of(item, dict(sections)),
            "form": form,
            **person_page(request.membership, item.person),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@permission_required("assessments.configure")
def settings_page(request: HttpRequest) -> HttpResponse:
    found = settings_for(request.membership.organisation)
    form = SettingsForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        save_settings(actor=Actor.from_request(request), form=form)
        return journeys.done(request, "Assessment settings saved", "assessments:settings")
    return render(request, "assessments/checks/settings.html", {"form": form}, status=400 if form.errors else 200)
