"""Pages for an enquiry: the record, who works on it, the adult's wishes, strategy, the protection plan, the close."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from assessflow.audit.actor import Actor
from assessflow.core import journeys
from assessflow.people.extensions import person_page
from assessflow.tenancy.permissions import permission_required

from . import access, selectors
from .actions import AccessAction
from .forms import ConcludeForm, EnquiryForm, ProtectionActionForm, StrategyForm
from .models import Enquiry
from .pages import as_initial, form_page, viewed
from .services import enquiries as services


def enquiry_for(request: HttpRequest, enquiry_id: int) -> Enquiry:
    return selectors.enquiry_for(request.membership, enquiry_id, request.session)


@require_GET
@permission_required("safeguarding.raise")
def enquiry(request: HttpRequest, enquiry_id: int) -> HttpResponse:
    item = enquiry_for(request, enquiry_id)
    viewed(request, item, AccessAction.ENQUIRY_VIEWED)
    return render(
        request,
        "safeguarding/enquiry.html",
        {
            **person_page(request.membership, item.person, concern_from=None),
            "enquiry": item,
            "concern": item.concern,
            "discussions": item.strategy_discussions.select_related("recorded_by"),
            "actions": item.protection_actions.select_related("task", "task__assigned_to"),
            "named": item.named_workers.all(),
            "may_change": access.may_change_enquiry(request.membership, item),
            "may_lead": access.may_change_enquiry(request.membership, item, lead_only=True),
        },
    )


def _enquiry_form(
    request: HttpRequest,
    enquiry_id: int,
    form_class,
    *,
    title: str,
    button: str,
    run,
    initial=None,
    council=True,
    lead_only=False,
    said: str,
):
    item = enquiry_for(request, enquiry_id)
    if not access.may_change_enquiry(request.membership, item, lead_only=lead_only):
        raise PermissionDenied("Only the safeguarding team and the workers named on the enquiry may change it.")
    if item.status != Enquiry.Status.OPEN:
        return redirect("safeguarding:enquiry", item.pk)
    kwargs = {"council": item.council} if council else {}
    form = form_class(request.POST or None, initial=initial(item) if initial else None, **kwargs)
    return form_page(
        request,
        form=form,
        run=lambda data: run(item, data),
        person=item.person,
        record=item,
        title=title,
        button=button,
        done=lambda _result: journeys.done(
            request, said.format(reference=item.reference), "safeguarding:enquiry", item.pk
        ),
    )


@require_http_methods(["GET", "POST"])
@permission_required("safeguarding.raise")
def edit(request: HttpRequest, enquiry_id: int) -> HttpResponse:
    def run(item, data):
        return services.update_enquiry(
            actor=Actor.from_request(request),
            enquiry=item,
            values={f: data.get(f) for f in services.PLAN_FIELDS},
            named_workers=list(data["named_workers"]),
            expected_version=data["version"],
        )

    return _enquiry_form(
        request,
        enquiry_id,
        EnquiryForm,
        title="Who works on it, the adult's wishes, capacity and advocacy",
        button="Save",
        said="Enquiry {reference} updated",
        run=run,
        lead_only=True,
        initial=lambda item: {
            **as_initial(item, services.PLAN_FIELDS),
            "named_workers": list(item.named_workers.all()),
            "version": item.version,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("safeguarding.raise")
def strategy(request: HttpRequest, enquiry_id: int) -> HttpResponse:
    def run(item, data):
        return services.add_strategy_discussion(actor=Actor.from_request(request), enquiry=item, **data)

    return _enquiry_form(
        request,
        enquiry_id,
        StrategyForm,
        title="Record a strategy discussion or meeting",
        button="Record",
        said="Strategy discussion recorded on enquiry {reference}",
        run=run,
        council=False,
    )


@require_http_methods(["GET", "POST"])
@permission_required("safeguarding.raise")
def protection_action(request: HttpRequest, enquiry_id: int) -> HttpResponse:
    def run(item, data):
        return services.add_protection_action(actor=Actor.from_request(request), enquiry=item, **data)

    return _enquiry_form(
        request,
        enquiry_id,
        ProtectionActionForm,
        title="Add to the protection plan",
        button="Add action",
        run=run,
        said="Action added to the protection plan of enquiry {reference}",
    )


@require_http_methods(["GET", "POST"])
@permission_required("safeguarding.raise")
def conclude(request: HttpRequest, enquiry_id: int) -> HttpResponse:
    def run(item, data):
        return services.conclude(
            actor=Actor.from_request(request), enquiry=item, findings=data, expected_version=data["version"]
        )

    return _enquiry_form(
        request,
        enquiry_id,
        ConcludeForm,
        council=False,
        lead_only=True,
        title="Conclude the enquiry",
        button="Conclude the enquiry",
        said="Enquiry {reference} concluded",
        run=run,
        initial=lambda item: {
            **as_initial(item, ("outcomes_asked", "outcomes_asked_of", "outcomes_expressed", "desired_outcomes")),
            "version": item.version,
        },
    )
