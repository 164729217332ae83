"""Pages for raising a concern, the safeguarding queue, triage, the s.42 decision and a person's records."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.core import journeys
from assessflow.people.extensions import person_page
from assessflow.people.selectors import person_for
from assessflow.people.services import record_people_searched
from assessflow.people.shared_pages import BreakGlassForm, restricted_page
from assessflow.tenancy.permissions import may, permission_required

from . import access, selectors
from .actions import AccessAction
from .forms import ConcernForm, DecisionForm, SettingsForm, TriageForm
from .models import Concern
from .pages import form_page, viewed
from .services import concerns as services
from .services.config import save_settings


@require_http_methods(["GET", "POST"])
@permission_required("safeguarding.raise")
def raise_concern(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for(request.membership, person_id, session=request.session)
    origin = request.GET.get("origin", Concern.Origin.PERSON)
    if origin not in Concern.Origin.values or origin == Concern.Origin.PORTAL:
        origin = Concern.Origin.PERSON
    origin_id = request.GET.get("origin_id", "")[:40]

    def run(data):
        return services.raise_concern(
            actor=Actor.from_request(request),
            person=person,
            details={k: v for k, v in data.items() if k != "submission_id"},
            origin=origin,
            origin_id=origin_id,
            submission_id=data["submission_id"],
        )

    return form_page(
        request,
        form=ConcernForm(request.POST or None),
        run=run,
        person=person,
        title="Raise a safeguarding concern",
        button="Send to the safeguarding team",
        intro="This goes to the council's safeguarding team. If someone is in danger now, call 999 first.",
        done=lambda concern: journeys.carry_on(request, "safeguarding:received", concern.pk),
    )


@require_GET
@permission_required("safeguarding.raise")
def received(request: HttpRequest, concern_id: int) -> HttpResponse:
    """The acknowledgement: what the raiser sees, and all they see, of a concern they raised."""
    concern, may_open = selectors.acknowledgement(request.membership, concern_id)
    viewed(request, concern, AccessAction.CONCERN_ACKNOWLEDGED)
    return render(request, "safeguarding/received.html", {"concern": concern, "may_open": may_open})


@require_GET
@permission_required("safeguarding.work")
def queue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = selectors.concern_queue(request.membership, today)
    enquiries = list(selectors.open_enquiries(request.membership))
    record_people_searched(
        actor=Actor.from_request(request),
        council_ids=[request.membership.organisation_id],
        criteria=["safeguarding queue"],
        found=[r.concern.person for r in rows] + [e.person for e in enquiries],
    )
    return render(
        request,
        "safeguarding/queue.html",
        {
            "rows": rows,
            "overdue": sum(1 for r in rows if r.overdue),
            "enquiries": enquiries,
            "today": today,
            "settings": access.settings_for(request.membership.organisation),
        },
    )


def _concern_page(request: HttpRequest, concern: Concern, triage_form=None, status: int = 200) -> HttpResponse:
    enquiry = getattr(concern, "enquiry", None)
    return render(
        request,
        "safeguarding/concern.html",
        {
            **person_page(request.membership, concern.person, concern_from=None),
            "concern": concern,
            "enquiry": enquiry,
            "may_work": may(request.membership, "safeguarding.work"),
            "triage_form": triage_form or TriageForm(initial={"version": concern.version, "risk": concern.risk}),
        },
        status=status,
    )


@require_GET
@permission_required("safeguarding.raise")
def concern(request: HttpRequest, concern_id: int) -> HttpResponse:
    item = access.concern_for(request.membership, concern_id, request.session)
    viewed(request, item, AccessAction.CONCERN_VIEWED)
    return _concern_page(request, item)


@require_POST
@permission_required("safeguarding.work")
def triage(request: HttpRequest, concern_id: int) -> HttpResponse:
    item = access.concern_for(request.membership, concern_id, request.session)
    form = TriageForm(request.POST)
    if form.is_valid():
        try:
            services.triage(
                actor=Actor.from_request(request),
                concern=item,
                risk=form.cleaned_data["risk"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
            return journeys.done(request, f"Concern {item.reference} triaged", "safeguarding:concern", item.pk)
        except services.ValidationError as error:
            form.add_error(None, error.messages)
    return _concern_page(request, item, form, status=400)


@require_http_methods(["GET", "POST"])
@permission_required("safeguarding.work")
def decide(request: HttpRequest, concern_id: int) -> HttpResponse:
    item = access.concern_for(request.membership, concern_id, request.session)
    if item.status != Concern.Status.TRIAGED:
        return redirect("safeguarding:concern", item.pk)
    form = DecisionForm(request.POST or None, council=item.council, initial={"version": item.version})

    def run(data):
        return services.decide(
            actor=Actor.from_request(request),
            concern=item,
            answers={name: data[name] for name in DecisionForm.ANSWERS},
            decision=data["decision"],
            note=data["decision_note"],
            lead=data["lead"],
            refer_for_assessment=data["refer_for_assessment"],
            expected_version=data["version"],
        )

    return form_page(
        request,
        form=form,
        run=run,
        person=item.person,
        record=item,
        title=f"Section 42 decision on {item.reference}",
        button="Record the decision",
        intro=(
            "For each part of s.42(1), record whether there is reasonable cause to suspect it, and why. "
            "The council must make a s.42 enquiry when there is reasonable cause to suspect all three."
        ),
        done=lambda concern: (
            journeys.done(
                request,
                f"Section 42 decision recorded on {concern.reference}: enquiry {concern.enquiry.reference} opened",
                "safeguarding:enquiry",
                concern.enquiry.pk,
            )
            if concern.status == Concern.Status.ENQUIRY
            else journeys.done(
                request, f"Section 42 decision recorded on {concern.reference}", "safeguarding:concern", concern.pk
            )
        ),
    )


@require_GET
@permission_required("safeguarding.records_of")
def person_records(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for(request.membership, person_id, session=request.session)
    records = selectors.records_of(request.membership, person, request.session)
    # One view of the person per page, naming the records it listed.
    record_on_person(
        actor=Actor.from_request(request),
        kind=AccessEvent.Kind.VIEW,
        action=AccessAction.RECORD_LISTED,
        obj=person,
        person_id=person.pk,
        detail={
            "concerns": [item.pk for item in records["concerns"]],
            "applications": [item.pk for item in records["applications"]],
        },
    )
    return render(
        request,
        "safeguarding/person_records.html",
        {**person_page(request.membership, person, concern_from=None), **records, "heading": "Safeguarding and DoLS"},
    )


@require_POST
@permission_required("people.break_glass")
def break_glass(request: HttpRequest, concern_id: int | None = None, application_id: int | None = None) -> HttpResponse:
    """Open one record for this session after saying why; the same page as for restricted person records."""
    record = selectors.record_behind_glass(request.membership, concern_id=concern_id, application_id=application_id)
    form = BreakGlassForm(request.POST)
    if not form.is_valid():
        return restricted_page(request, access.restricted(record), form, status=400)
    access.break_glass(
        actor=Actor.from_request(request), record=record, reason=form.cleaned_data["reason"], session=request.session
    )
    journeys.confirm(request, f"{record.reference} is open to you until you sign out")
    return redirect("safeguarding:concern" if isinstance(record, Concern) else "safeguarding:dols", record.pk)


@require_http_methods(["GET", "POST"])
@permission_required("safeguarding.configure")
def settings_page(request: HttpRequest) -> HttpResponse:
    found = access.settings_for(request.membership.organisation)
    form = SettingsForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        save_settings(actor=Actor.from_request(request), form=form)
        return journeys.done(request, "Safeguarding and DoLS settings saved", "safeguarding:settings")
    return render(request, "safeguarding/settings.html", {"form": form}, status=400 if form.errors else 200)
