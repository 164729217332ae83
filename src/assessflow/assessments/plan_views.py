"""The support plan pages: the plan with its personal budget, its lines added, changed and removed, and what is
decided of the plan as a whole."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.core import journeys
from assessflow.people.extensions import person_page
from assessflow.tenancy.permissions import may, permission_required

from . import plan_selectors, selectors
from .actions import AccessAction
from .moves import PLAN_EDITABLE
from .plan_forms import PlanDetailsForm, PlanLineForm
from .plan_selectors import PlanPage
from .services import plans as services


def _viewed(request: HttpRequest, page: PlanPage) -> None:
    record_on_person(
        actor=Actor.from_request(request),
        kind=AccessEvent.Kind.VIEW,
        action=AccessAction.PLAN_VIEWED,
        obj=page.plan or page.assessment,
    )


def _opened(request: HttpRequest, assessment_id: int, *, to_change: bool = False) -> PlanPage:
    item = selectors.assessment_for(request.membership, assessment_id, session=request.session, to_change=to_change)
    return plan_selectors.plan_page(item)


@require_GET
@permission_required("assessments.view")
def plan(request: HttpRequest, assessment_id: int) -> HttpResponse:
    page = _opened(request, assessment_id)
    _viewed(request, page)
    return render(
        request,
        "assessments/plan/plan.html",
        {
            **person_page(request.membership, page.assessment.person),
            "page": page,
            "assessment": page.assessment,
            "may_change": page.editable and may(request.membership, "assessments.carry_out"),
        },
    )


def _form_page(
    request: HttpRequest,
    page: PlanPage,
    form,
    *,
    run: Callable[[dict], object],
    heading: str,
    button: str,
    said: str,
    line=None,
) -> HttpResponse:
    """Show the form; on a valid POST make the change and go back to the plan; a refusal (a stale version, a plan
    no longer open to change) is shown on the form with what the user typed kept."""
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            return journeys.done(request, said, "assessments:plan", page.assessment.pk)
    if request.method == "GET":
        _viewed(request, page)
    return render(
        request,
        "assessments/plan/form.html",
        {
            **person_page(request.membership, page.assessment.person),
            "page": page,
            "assessment": page.assessment,
            "form": form,
            "heading": heading,
            "button": button,
            "line": line,
        },
        status=400 if form.errors else 200,
    )


def _closed(request: HttpRequest, page: PlanPage) -> HttpResponse | None:
    """The pages that change the plan say why when it is not open to change (already sent on, or no eligible
    needs), and change nothing."""
    if page.editable:
        return None
    if page.assessment.status not in PLAN_EDITABLE:
        why = f"The assessment is {page.assessment.get_status_display().lower()}, so its plan cannot change now."
    else:
        why = "A support plan is for eligible needs, and the needs recorded are not eligible."
    return _refused(request, page, [why], status=200 if request.method == "GET" else 409)


def _refused(request: HttpRequest, page: PlanPage, reasons: list[str], *, status: int) -> HttpResponse:
    if request.method == "GET":
        _viewed(request, page)
    return render(
        request,
        "assessments/plan/refused.html",
        {
            **person_page(request.membership, page.assessment.person),
            "assessment": page.assessment,
            "messages_refused": reasons,
            "heading": (
                "The support plan cannot be changed now"
                if request.method == "GET"
                else "The support plan was not changed"
            ),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@permission_required("assessments.carry_out")
def details(request: HttpRequest, assessment_id: int) -> HttpResponse:
    page = _opened(request, assessment_id, to_change=True)
    if (closed := _closed(request, page)) is not None:
        return closed
    initial = {"version": page.version}
    if page.plan is not None:
        initial |= {
            "direct_payment": "yes" if page.plan.direct_payment else "no",
            "carer_willing_and_able": page.plan.carer_willing_and_able,
        }
    form = PlanDetailsForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        page,
        form,
        heading="Direct payment and the carer",
        button="Save",
        said="Support plan saved",
        run=lambda data: services.save_plan(
            actor=Actor.from_request(request),
            assessment=page.assessment,
            direct_payment=data["direct_payment"],
            carer_willing_and_able=data["carer_willing_and_able"],
            expected_version=data["version"],
        ),
    )


def _line_initial(line) -> dict:
    return {name: getattr(line, name) for name in services.LINE_FIELDS} | {
        "cost_pence": f"{line.cost_pence // 100}.{line.cost_pence % 100:02d}"
    }


@require_http_methods(["GET", "POST"])
@permission_required("assessments.carry_out")
def line(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """A new line, or with `?line=` one of this plan's lines to change."""
    page = _opened(request, assessment_id, to_change=True)
    if (closed := _closed(request, page)) is not None:
        return closed
    line_id = request.GET.get("line")
    existing = plan_selectors.line_of(page.plan, line_id) if line_id else None
    initial = {"version": page.version, **(_line_initial(existing) if existing else {})}
    form = PlanLineForm(request.POST or None, initial=initial, outcomes=page.needs.outcomes)
    actor = Actor.from_request(request)
    if existing is None:
        return _form_page(
            request,
            page,
            form,
            heading="Add a service to the plan",
            button="Add to the plan",
            said="Service added to the support plan",
            run=lambda data: services.add_line(
                actor=actor, assessment=page.assessment, values=form.values(), expected_version=data["version"]
            ),
        )
    return _form_page(
        request,
        page,
        form,
        heading="Change a service in the plan",
        button="Save changes",
        said="Service in the support plan changed",
        line=existing,
        run=lambda data: services.change_line(
            actor=actor,
            assessment=page.assessment,
            line=existing,
            values=form.values(),
            expected_version=data["version"],
        ),
    )


@require_POST
@permission_required("assessments.carry_out")
def remove_line(request: HttpRequest, assessment_id: int) -> HttpResponse:
    page = _opened(request, assessment_id, to_change=True)
    if (closed := _closed(request, page)) is not None:
        return closed
    existing = plan_selectors.line_of(page.plan, request.POST.get("line"))
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.remove_line(
            actor=Actor.from_request(request), assessment=page.assessment, line=existing, expected_version=version
        )
    except ValidationError as error:
        return _refused(request, page, error.messages, status=409)
    return journeys.done(request, "Service removed from the support plan", "assessments:plan", page.assessment.pk)
