"""A referrer raises a safeguarding concern in the portal, and sees that it was received: nothing of what follows."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from assessflow.audit.actor import Actor
from assessflow.core import journeys
from assessflow.people.shared_pages import PortalPersonForm
from assessflow.tenancy.permissions import permission_required

from . import selectors
from .actions import AccessAction
from .forms import ConcernForm, PortalDolsForm
from .pages import add_errors, viewed
from .services import concerns as services
from .services import dols as dols_services


class BothForms:
    """One error summary for the two forms on the page."""

    def __init__(self, *forms):
        self.forms = forms

    @property
    def errors(self):
        return any(f.errors for f in self.forms)

    def error_summary(self):
        return [item for f in self.forms for item in f.error_summary()]


@require_GET
@permission_required("safeguarding.portal_raise")
def concerns(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "safeguarding/portal_list.html",
        {
            "concerns": selectors.portal_concerns(request.membership)[:200],
            "applications": selectors.portal_requests(request.membership)[:200],
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("safeguarding.portal_raise")
def new(request: HttpRequest) -> HttpResponse:
    person_form = PortalPersonForm(request.POST or None)
    concern_form = ConcernForm(request.POST or None)
    if request.method == "POST" and person_form.is_valid() and concern_form.is_valid():
        details = {k: v for k, v in concern_form.cleaned_data.items() if k != "submission_id"}
        try:
            concern = services.raise_from_portal(
                actor=Actor.from_request(request),
                person_details=person_form.person_details,
                details=details,
                submission_id=concern_form.cleaned_data["submission_id"],
            )
        except services.ValidationError as error:
            add_errors(concern_form, error)
        else:
            return redirect("safeguarding-portal:concern", concern.pk)
    return render(
        request,
        "safeguarding/portal_new.html",
        {"person_form": person_form, "form": BothForms(person_form, concern_form), "concern_form": concern_form},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@permission_required("safeguarding.portal_raise")
def concern(request: HttpRequest, concern_id: int) -> HttpResponse:
    found = selectors.portal_concern(request.membership, concern_id)
    viewed(request, found, AccessAction.CONCERN_ACKNOWLEDGED)
    return render(request, "safeguarding/portal_concern.html", {"concern": found})


@require_http_methods(["GET", "POST"])
@permission_required("safeguarding.portal_raise")
def new_dols(request: HttpRequest) -> HttpResponse:
    """A care home or hospital asks for a standard authorisation, telling us of any urgent one it has given."""
    person_form = PortalPersonForm(request.POST or None)
    request_form = PortalDolsForm(request.POST or None)
    if request.method == "POST" and person_form.is_valid() and request_form.is_valid():
        try:
            application = dols_services.request_from_portal(
                actor=Actor.from_request(request),
                person_details=person_form.person_details,
                request=request_form.cleaned_data,
                submission_id=request_form.cleaned_data["submission_id"],
            )
        except dols_services.ValidationError as error:
            add_errors(request_form, error)
        else:
            return journeys.done(
                request,
                f"Request for a DoLS authorisation sent to the council: {application.reference}",
                "safeguarding-portal:dols",
                application.pk,
            )
    return render(
        request,
        "safeguarding/portal_dols_new.html",
        {"person_form": person_form, "request_form": request_form, "form": BothForms(person_form, request_form)},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@permission_required("safeguarding.portal_raise")
def dols(request: HttpRequest, application_id: int) -> HttpResponse:
    """What the managing authority needs: the status, the deadline, and any authorisation with its conditions."""
    found = selectors.portal_request(request.membership, application_id)
    viewed(request, found, AccessAction.DOLS_VIEWED)
    return render(
        request, "safeguarding/portal_dols.html", {"application": found, "deadlines": dols_services.deadlines(found)}
    )
