"""The referrer portal: make a referral (with check your answers), and follow every referral your organisation made."""

import datetime
import uuid

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.core.forms import GovukFormMixin
from assessflow.core.journeys import done
from assessflow.people.shared_pages import PortalPersonForm
from assessflow.tenancy.permissions import permission_required

from . import selectors, services
from .actions import AccessAction
from .models import Referral
from .portal_forms import PortalReferralForm

DRAFT_KEY = "portal_referral_draft"


class AnswerForm(GovukFormMixin, forms.Form):
    answer = forms.CharField(
        label="Your answer", widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "Enter your answer"}
    )


def _draft(request: HttpRequest) -> dict:
    return request.session.get(DRAFT_KEY, {})


def _save_draft(request: HttpRequest, part: str, data: dict) -> None:
    draft = _draft(request)
    draft[part] = {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in data.items()}
    draft.setdefault("submission_id", str(uuid.uuid4()))
    request.session[DRAFT_KEY] = draft


@require_GET
@permission_required("frontdoor.portal")
def referrals(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.referrals_made_by(request.membership)[:200])
    return render(
        request,
        "frontdoor/portal/list.html",
        {"rows": [(r, selectors.status_for_referrer(r), selectors.outcome_for_referrer(r)) for r in rows]},
    )


@require_http_methods(["GET", "POST"])
@permission_required("frontdoor.portal")
def person_step(request: HttpRequest) -> HttpResponse:
    saved = _draft(request).get("person", {})
    initial = {**saved}
    if saved.get("date_of_birth"):
        initial["date_of_birth"] = datetime.date.fromisoformat(saved["date_of_birth"])
    form = PortalPersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        _save_draft(request, "person", form.cleaned_data)
        return redirect("portal:referral-step")
    return render(request, "frontdoor/portal/step.html", {"form": form, "heading": "Who are you referring?", "step": 1})


@require_http_methods(["GET", "POST"])
@permission_required("frontdoor.portal")
def referral_step(request: HttpRequest) -> HttpResponse:
    if "person" not in _draft(request):
        return redirect("portal:new")
    form = PortalReferralForm(request.POST or None, initial=_draft(request).get("referral"))
    if request.method == "POST" and form.is_valid():
        _save_draft(request, "referral", form.cleaned_data)
        return redirect("portal:check")
    return render(request, "frontdoor/portal/step.html", {"form": form, "heading": "About the referral", "step": 2})


@require_http_methods(["GET", "POST"])
@permission_required("frontdoor.portal")
def check(request: HttpRequest) -> HttpResponse:
    draft = _draft(request)
    if "person" not in draft or "referral" not in draft:
        return redirect("portal:new")
    person_form = PortalPersonForm(
        {
            **draft["person"],
            **dict(
                zip(
                    ("date_of_birth_0", "date_of_birth_1", "date_of_birth_2"),
                    _dmy(draft["person"]["date_of_birth"]),
                    strict=True,
                )
            ),
        }
    )
    referral_form = PortalReferralForm(draft["referral"])
    if not (person_form.is_valid() and referral_form.is_valid()):
        return redirect("portal:new")
    if request.method == "POST":
        data = referral_form.cleaned_data
        referral = services.submit_portal_referral(
            actor=Actor.from_request(request),
            person_details=person_form.person_details,
            referral_details={
                "source": data["source"],
                "reason": data["reason"],
                "urgency": data["urgency"],
                "consent_to_referral": data["consent_to_referral"] == "yes",
                "consent_to_share_outcome": data["consent_to_share_outcome"] == "yes",
            },
            submission_id=uuid.UUID(draft["submission_id"]),
        )
        request.session.pop(DRAFT_KEY, None)
        return redirect("portal:referral", referral.pk)
    return render(request, "frontdoor/portal/check.html", {"person": person_form, "referral": referral_form})


def _dmy(iso: str) -> tuple[str, str, str]:
    day = datetime.date.fromisoformat(iso)
    return str(day.day), str(day.month), str(day.year)


@require_GET
@permission_required("frontdoor.portal")
def referral(request: HttpRequest, referral_id: int) -> HttpResponse:
    item = selectors.portal_referral_for(request.membership, referral_id)
    record_on_person(
        actor=Actor.from_request(request),
        kind=AccessEvent.Kind.VIEW,
        action=AccessAction.PORTAL_REFERRAL_VIEWED,
        obj=item,
    )
    open_question = next((q for q in item.information_requests.all() if not q.answered_at), None)
    return render(
        request,
        "frontdoor/portal/referral.html",
        {
            "referral": item,
            "status": selectors.status_for_referrer(item),
            "outcome": selectors.outcome_for_referrer(item),
            "open_question": open_question,
            "form": AnswerForm(),
            "just_sent": item.status == Referral.Status.RECEIVED and not item.information_requests.all(),
        },
    )


@require_POST
@permission_required("frontdoor.portal")
def answer(request: HttpRequest, referral_id: int) -> HttpResponse:
    item = selectors.portal_referral_for(request.membership, referral_id)
    question = next((q for q in item.information_requests.all() if not q.answered_at), None)
    form = AnswerForm(request.POST)
    if question is None:
        return redirect("portal:referral", item.pk)
    if form.is_valid():
        services.answer_referrer_question(
            actor=Actor.from_request(request), request=question, answer=form.cleaned_data["answer"]
        )
        return done(
            request, f"Your answer about referral {item.reference} is sent to the council", "portal:referral", item.pk
        )
    return render(
        request,
        "frontdoor/portal/referral.html",
        {
            "referral": item,
            "status": selectors.status_for_referrer(item),
            "outcome": None,
            "open_question": question,
            "form": form,
        },
        status=400,
    )
