"""Pages for DoLS: the list by deadline, a request, and each step of its life."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from assessflow.audit.actor import Actor
from assessflow.core import journeys
from assessflow.people.extensions import person_page
from assessflow.people.selectors import person_for
from assessflow.people.services import record_people_searched
from assessflow.tenancy.permissions import may, permission_required, require

from . import access, dols_priority, selectors
from .actions import AccessAction
from .categories import Requirement
from .dols_forms import (
    ApprovedDoctorForm,
    AssessmentForm,
    AssessorsForm,
    DolsDecisionForm,
    DolsScreenForm,
    ExtendForm,
)
from .dols_tasks import COMPLETED, assessment_tasks
from .forms import CloseForm, DolsRequestForm, ReviewForm
from .pages import add_errors, form_page, viewed
from .services import dols as services
from .services import dols_assessors


@require_GET
@permission_required("safeguarding.dols")
def dols_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = selectors.dols_requests(request.membership, today)
    in_force = list(selectors.authorisations_in_force(request.membership, today))
    record_people_searched(
        actor=Actor.from_request(request),
        council_ids=[request.membership.organisation_id],
        criteria=["DoLS requests"],
        found=[r.application.person for r in rows] + [a.person for a in in_force],
    )
    return render(
        request,
        "safeguarding/dols_list.html",
        {
            "rows": rows,
            "breaches": sum(1 for r in rows if r.breached),
            "in_force": in_force,
            "today": today,
            "reminder_days": access.settings_for(request.membership.organisation).renewal_reminder_days,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("safeguarding.dols")
def new_request(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for(request.membership, person_id, session=request.session)

    def run(data):
        return services.receive_request(
            actor=Actor.from_request(request),
            person=person,
            managing_authority=data["managing_authority"],
            setting=data["setting"],
            managing_authority_organisation=data["managing_authority_organisation"],
            reasons=data["reasons"],
            urgent_given_on=data["urgent_given_on"] if data["urgent"] else None,
            urgent_days=data["urgent_days"] if data["urgent"] else None,
            submission_id=data["submission_id"],
        )

    return form_page(
        request,
        form=DolsRequestForm(request.POST or None, council=person.council),
        run=run,
        person=person,
        title="Record a request for a DoLS authorisation",
        button="Record the request",
        intro="The request is received today. Its deadline is worked out from today and any urgent authorisation.",
        done=lambda application: journeys.done(
            request,
            f"DoLS request {application.reference} recorded",
            "safeguarding:dols",
            application.pk,
            names={"person": person.full_name},
        ),
    )


@require_GET
@permission_required("safeguarding.raise")
def application(request: HttpRequest, application_id: int) -> HttpResponse:
    item = access.dols_for(request.membership, application_id, request.session)
    viewed(request, item, AccessAction.DOLS_VIEWED)
    today = timezone.localdate()
    due = services.deadlines(item)
    return render(
        request,
        "safeguarding/dols.html",
        {
            **person_page(request.membership, item.person, concern_from=None),
            "application": item,
            "deadlines": due,
            "breached": due.breached(decided_on=item.decided_on, today=today) and item.status != "closed",
            "assessments": item.assessments.select_related("assessor", "doctor", "recorded_by"),
            "criteria": dols_priority.labels(item.screening_criteria),
            "today": today,
            "may_sign": may(request.membership, "safeguarding.dols_sign"),
            "may_manage": may(request.membership, "safeguarding.dols"),
        },
    )


STEPS = {
    "extend": (ExtendForm, "Extend the urgent authorisation", "Extend", "safeguarding.dols"),
    "screen": (DolsScreenForm, "Screen the request", "Add to the DoLS waiting list", "safeguarding.dols"),
    "assessors": (AssessorsForm, "Name the assessors", "Save", "safeguarding.dols"),
    "decide": (DolsDecisionForm, "Signatory's decision", "Record the decision", "safeguarding.dols_sign"),
    "close": (CloseForm, "Close the request", "Close", "safeguarding.dols"),
    "review": (ReviewForm, "Ask for a review", "Ask for a review", "safeguarding.dols"),
}


# What each step says once it is done.
STEP_DONE = {
    "extend": "Urgent authorisation extended on {reference}",
    "screen": "DoLS request {reference} screened onto the DoLS waiting list",
    "assessors": "Assessors named on {reference}",
    "assess": "Assessment recorded on {reference}",
    "decide": "Signatory's decision recorded on {reference}",
    "close": "DoLS request {reference} closed",
    "review": "Review asked for on {reference}",
}


def _run(step: str, actor: Actor, item, data: dict):
    version = data.get("version")
    if step == "extend":
        return services.extend_urgent(
            actor=actor, application=item, days=data["days"], reasons=data["reasons"], expected_version=version
        )
    if step == "screen":
        return services.screen(
            actor=actor,
            application=item,
            criteria=data["criteria"],
            note=data["note"],
            team=data["team"],
            expected_version=version,
        )
    if step == "assessors":
        return services.name_assessors(
            actor=actor,
            application=item,
            best_interests=data["best_interests_assessor"],
            mental_health=data["mental_health_assessor"],
            expected_version=version,
        )
    if step == "decide":
        return _decide(actor, item, data)
    if step == "close":
        return services.close(
            actor=actor, application=item, reason=data["reason"], note=data["note"], expected_version=version
        )
    return services.request_review(actor=actor, application=item, reason=data["reason"], expected_version=version)


def _decide(actor: Actor, item, data: dict):
    return services.decide(
        actor=actor,
        application=item,
        grant=data["grant"],
        months=data["months"],
        conditions=data["conditions"],
        reason=data["reason"],
        representative={
            "name": data["representative_name"],
            "kind": data["representative_kind"],
            "contact": data["representative_contact"],
        },
        expected_version=data["version"],
    )


@require_http_methods(["GET", "POST"])
@permission_required("safeguarding.raise")
def step(request: HttpRequest, application_id: int, step: str) -> HttpResponse:
    form_class, title, button, permission = STEPS[step]
    item = access.dols_for(request.membership, application_id, request.session)
    require(request.membership, permission)
    kwargs = {"council": item.council} if form_class in (DolsScreenForm, AssessorsForm) else {}
    initial = {
        "version": item.version,
        "best_interests_assessor": item.best_interests_assessor_id,
        "mental_health_assessor": item.mental_health_doctor_id,
        "conditions": item.recommended_conditions,
        "months": item.recommended_months,
    }
    return form_page(
        request,
        form=form_class(request.POST or None, initial=initial, **kwargs),
        run=lambda data: _run(step, Actor.from_request(request), item, data),
        person=item.person,
        record=item,
        title=f"{title}: {item.reference}",
        button=button,
        done=lambda _result: journeys.done(
            request, STEP_DONE[step].format(reference=item.reference), reverse("safeguarding:dols", args=[item.pk])
        ),
    )


@require_GET
@permission_required("safeguarding.raise")
def assessments(request: HttpRequest, application_id: int) -> HttpResponse:
    """The six assessments as one task list: each one's status, who made it, and the way to record it."""
    item = access.dols_for(request.membership, application_id, request.session)
    viewed(request, item, AccessAction.DOLS_VIEWED)
    tasks = assessment_tasks(item, request.membership)
    return render(
        request,
        "safeguarding/dols_assessments.html",
        {
            **person_page(request.membership, item.person, concern_from=None),
            "application": item,
            "tasks": tasks,
            "completed": sum(task.status == COMPLETED for task in tasks),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("safeguarding.raise")
def assess(request: HttpRequest, application_id: int, requirement: str) -> HttpResponse:
    """One assessment's form; once it is recorded, back to the task list."""
    item = access.dols_for(request.membership, application_id, request.session)
    tasks = reverse("safeguarding:dols-assessments", args=[item.pk])
    name = Requirement(requirement).label
    form = AssessmentForm(request.POST or None, requirement=requirement)

    return form_page(
        request,
        form=form,
        run=lambda data: services.record_assessment(
            actor=Actor.from_request(request), application=item, **form.assessment
        ),
        person=item.person,
        record=item,
        title=f"{name} assessment: {item.reference}",
        button="Record the assessment",
        done=lambda _assessment: journeys.done(request, f"{name} assessment recorded on {item.reference}", tasks),
    )


@require_http_methods(["GET", "POST"])
@permission_required("safeguarding.dols")
def doctors(request: HttpRequest) -> HttpResponse:
    """The doctors the council may name as mental health assessor, and adding one with their approval."""
    council = request.membership.organisation
    form = ApprovedDoctorForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            dols_assessors.add_doctor(actor=Actor.from_request(request), council=council, values=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return journeys.done(
                request,
                f"{form.cleaned_data['name']} added as an approved mental health assessor",
                "safeguarding:dols-doctors",
            )
    return render(
        request,
        "safeguarding/dols_doctors.html",
        {"form": form, "doctors": selectors.approved_doctors(request.membership), "today": timezone.localdate()},
        status=400 if form.errors else 200,
    )
