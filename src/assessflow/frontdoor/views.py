"""Pages for the front door: recording a contact or referral, one referral, and the screening queue."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.core.forms import GovukFormMixin
from assessflow.core.journeys import done
from assessflow.people.extensions import person_page
from assessflow.people.selectors import person_for
from assessflow.people.services import record_people_searched
from assessflow.tenancy.permissions import may, permission_required

from . import selectors, services
from .actions import AccessAction
from .extensions import referral_actions
from .forms import ReferralForm
from .selectors import QUEUE_LIMIT


@require_http_methods(["GET", "POST"])
@permission_required("frontdoor.record")
def new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for(request.membership, person_id, session=request.session, to_change=True)
    form = ReferralForm(request.POST or None, initial={"kind": "referral", "channel": "phone", "urgency": "routine"})
    if request.method == "POST" and form.is_valid():
        details = {k: v for k, v in form.cleaned_data.items() if k != "submission_id"}
        referral = services.record_referral(
            actor=Actor.from_request(request),
            person=person,
            details=details,
            submission_id=form.cleaned_data["submission_id"],
        )
        return done(
            request,
            f"{referral.get_kind_display()} {referral.reference} recorded",
            "frontdoor:referral",
            referral.pk,
            names={"person": person.full_name},
        )
    return render(
        request,
        "frontdoor/referral_form.html",
        {**person_page(request.membership, person), "form": form, "earlier": selectors.referrals_of(person)[:5]},
    )


@require_GET
@permission_required("frontdoor.view")
def referral(request: HttpRequest, referral_id: int) -> HttpResponse:
    item = selectors.referral_for(request.membership, referral_id, request.session)
    record_on_person(
        actor=Actor.from_request(request),
        kind=AccessEvent.Kind.VIEW,
        action=AccessAction.REFERRAL_VIEWED,
        obj=item,
    )
    actions = [
        a
        for a in referral_actions()
        if may(request.membership, a.permission, item) and (item.is_open or not a.open_only)
    ]
    return render(
        request,
        "frontdoor/referral.html",
        {
            "referral": item,
            **person_page(request.membership, item.person, concern_from=("contact", item.pk)),
            "actions": actions,
        },
    )


@require_GET
@permission_required("frontdoor.screen")
def queue(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.screening_queue(request.membership)[:QUEUE_LIMIT])
    record_people_searched(
        actor=Actor.from_request(request),
        council_ids=[request.membership.organisation_id],
        criteria=["screening queue"],
        found=[r.person for r in rows],
    )
    return render(request, "frontdoor/queue.html", {"referrals": rows, "limited": len(rows) == QUEUE_LIMIT})


class QuestionForm(GovukFormMixin, forms.Form):
    question = forms.CharField(
        label="What do you need to know?",
        help_text="The referrer sees this in their portal and answers there",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what you need to know"},
    )


@require_http_methods(["GET", "POST"])
@permission_required("frontdoor.screen")
def ask_referrer(request: HttpRequest, referral_id: int) -> HttpResponse:
    item = selectors.referral_for(request.membership, referral_id, request.session, to_change=True)
    if item.referrer_organisation_id is None or item.status != item.Status.RECEIVED:
        return redirect("frontdoor:referral", item.pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.ask_referrer(actor=Actor.from_request(request), referral=item, question=form.cleaned_data["question"])
        return done(request, f"Question sent to the referrer of {item.reference}", "frontdoor:referral", item.pk)
    return render(
        request,
        "frontdoor/ask.html",
        {"form": form, "referral": item, **person_page(request.membership, item.person)},
    )
