"""Pages for screening a referral, the waiting lists, one entry on them, and keeping in touch."""

import datetime

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access, record_on_person
from assessflow.core.exports import csv_lines, xlsx_bytes
from assessflow.core.journeys import done
from assessflow.frontdoor.models import Referral
from assessflow.frontdoor.selectors import referral_for
from assessflow.people.extensions import person_page
from assessflow.people.services import record_people_searched
from assessflow.tenancy.permissions import may, permission_required

from . import selectors, services
from .actions import AccessAction
from .extensions import entry_actions
from .forms import KeepInTouchForm, ListFilterForm, ReprioritiseForm, ScreeningForm
from .models import Priority, WorkType
from .timescales import due_label

# How a referral closed at screening is told back to the worker who closed it.
CLOSED_AS = {
    Referral.Status.CLOSED_ADVICE: "closed with information and advice given",
    Referral.Status.CLOSED_SIGNPOSTED: "closed and signposted",
    Referral.Status.SCREENED_OUT: "screened out",
}


@require_http_methods(["GET", "POST"])
@permission_required("frontdoor.screen")
def screen(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = referral_for(request.membership, referral_id, request.session, to_change=True)
    if not referral.is_open:
        return redirect("frontdoor:referral", referral.pk)
    form = ScreeningForm(request.POST or None, council=referral.person.council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actor = Actor.from_request(request)
        try:
            if data["decision"] == Referral.Status.WAITING_LIST:
                entry = services.screen_onto_waiting_list(
                    actor=actor,
                    referral=referral,
                    work_type=data["work_type"],
                    priority=data["priority"],
                    rationale=data["note"],
                    team=data["team"],
                    **form.risk_flags,
                )
                work = entry.get_work_type_display()
                return done(
                    request,
                    f"{referral.get_kind_display()} {referral.reference} screened onto the "
                    f"{work if entry.work_type == WorkType.DOLS else work.lower()} list",
                    "waiting:entry",
                    entry.pk,
                )
            services.close_at_screening(
                actor=actor,
                referral=referral,
                decision=data["decision"],
                reason_code=data["screen_out_reason"] if data["decision"] == Referral.Status.SCREENED_OUT else "",
                note=data["note"],
                **form.risk_flags,
            )
            return done(
                request,
                f"{referral.get_kind_display()} {referral.reference} {CLOSED_AS[data['decision']]}",
                "frontdoor:referral",
                referral.pk,
            )
        except services.IllegalMove as error:
            form.add_error(None, error)
    return render(
        request,
        "waiting/screen.html",
        {
            "form": form,
            "referral": referral,
            **person_page(request.membership, referral.person, concern_from=("screening", referral.pk)),
        },
    )


def _filters(request: HttpRequest) -> tuple[ListFilterForm, selectors.ListFilters]:
    form = ListFilterForm(request.GET or None, council=request.membership.council)
    filters = selectors.ListFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.ListFilters(
            work_type=data["work_type"],
            priority=data["priority"],
            team_id=data["team"].pk if data["team"] else None,
            overdue_only=data["overdue"],
            sort=data["sort"] or "oldest",
        )
    return form, filters


@require_GET
@permission_required("waiting.view")
def waiting_list(request: HttpRequest) -> HttpResponse:
    council = request.membership.council
    form, filters = _filters(request)
    today = timezone.localdate()
    page = selectors.waiting_list(request.membership, filters, today=today, cursor=request.GET.get("after", ""))
    record_people_searched(
        actor=Actor.from_request(request),
        council_ids=[council.pk],
        criteria=["waiting list", *(k for k, v in vars(filters).items() if v and k != "sort")],
        found=[entry.person for entry in page.entries],
    )
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "waiting/list.html",
        {
            "form": form,
            "page": page,
            "today": today,
            "query": query.urlencode(),
            "may_export": may(request.membership, "waiting.export"),
            "priority_counts": [(p.label, page.by_priority.get(p.value, 0)) for p in Priority],
            "work_type_counts": [(w.label, page.by_work_type.get(w.value, 0)) for w in WorkType],
        },
    )


@require_GET
@permission_required("waiting.view")
def entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    item = selectors.entry_for(request.membership, entry_id, request.session)
    record_on_person(
        actor=Actor.from_request(request), kind=AccessEvent.Kind.VIEW, action=AccessAction.ENTRY_VIEWED, obj=item
    )
    return _entry_page(request, item, ReprioritiseForm(initial={"version": item.version, "priority": item.priority}))


def _entry_page(request: HttpRequest, item, form: ReprioritiseForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "waiting/entry.html",
        {
            "entry": item,
            "due_label": due_label(
                work_type=item.work_type, due_on=item.due_on, review_due_on=item.person.review_due_on
            ),
            **person_page(request.membership, item.person),
            "today": timezone.localdate(),
            "form": form,
            "may_reprioritise": may(request.membership, "waiting.reprioritise"),
            "entry_actions": [a for a in entry_actions() if may(request.membership, a.permission, item)],
        },
        status=status,
    )


@require_POST
@permission_required("waiting.reprioritise")
def reprioritise(request: HttpRequest, entry_id: int) -> HttpResponse:
    item = selectors.entry_for(request.membership, entry_id, request.session, to_change=True)
    form = ReprioritiseForm(request.POST)
    if form.is_valid():
        try:
            services.reprioritise(
                actor=Actor.from_request(request),
                entry=item,
                priority=form.cleaned_data["priority"],
                rationale=form.cleaned_data["rationale"],
                expected_version=form.cleaned_data["version"],
            )
        except services.IllegalMove as error:
            form.add_error(None, error)
        else:
            priority = Priority(form.cleaned_data["priority"]).name.lower()
            return done(request, f"Waiting list entry moved to {priority} priority", "waiting:entry", item.pk)
    return _entry_page(request, item, form, status=400)


EXPORT_HEADERS = [
    "Person reference",
    "First name",
    "Last name",
    "Date of birth",
    "NHS number",
    "Postcode",
    "Work",
    "Priority",
    "Why this priority",
    "Team",
    "Waiting since",
    "Due by",
    "Overdue",
]


def _export_row(entry, today) -> list:
    person = entry.person
    return [
        person.person_reference,
        person.given_name,
        person.family_name,
        person.date_of_birth,
        person.nhs_number,
        person.postcode,
        entry.get_work_type_display(),
        entry.priority,
        entry.priority_rationale,
        entry.team.name if entry.team else "",
        timezone.localtime(entry.added_at).date(),
        entry.due_on,
        "Yes" if entry.due_on < today else "No",
    ]


@require_GET
@permission_required("waiting.export")
def export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The whole filtered list as CSV or XLSX, safe to open in a spreadsheet, and audited."""
    form, filters = _filters(request)
    if form.is_bound and not form.is_valid():
        # Dropping a filter the user may not choose would export more than they asked for.
        problems = [error for errors in form.errors.values() for error in errors]
        context = {"problems": problems, "back_url": reverse("waiting:list"), "back_label": "Choose the filters again"}
        return render(request, "export_refused.html", context, status=400)
    today = timezone.localdate()
    entries = selectors.entries_for_export(request.membership, filters, today=today)
    people = list(entries.values_list("person_id", flat=True))
    record_access(
        actor=Actor.from_request(request),
        kind=AccessEvent.Kind.EXPORT,
        action=AccessAction.EXPORTED,
        council_id=request.membership.council.pk,
        fields=EXPORT_HEADERS,
        detail={
            "format": file_format,
            "rows": len(people),
            "filters": {k: v for k, v in vars(filters).items() if v},
            "people": people,
        },
    )
    name = f"waiting-list-{today.isoformat()}.{file_format}"
    rows = (_export_row(entry, today) for entry in entries.iterator(chunk_size=2000))
    if file_format == "xlsx":
        response = HttpResponse(
            xlsx_bytes(EXPORT_HEADERS, rows, title="Waiting list"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = StreamingHttpResponse(csv_lines(EXPORT_HEADERS, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


KEEP_IN_TOUCH_AHEAD_DAYS = 7
KEEP_IN_TOUCH_LIMIT = 200


@require_GET
@permission_required("waiting.view")
def keep_in_touch_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    due = selectors.contacts_due(request.membership, until=today + datetime.timedelta(days=KEEP_IN_TOUCH_AHEAD_DAYS))
    rows = list(due[:KEEP_IN_TOUCH_LIMIT])
    record_people_searched(
        actor=Actor.from_request(request),
        council_ids=[request.membership.council.pk],
        criteria=["keep in touch"],
        found=[entry.person for entry in rows],
    )
    return render(
        request,
        "waiting/keep_in_touch.html",
        {
            "rows": rows,
            "today": today,
            "overdue": sum(e.next_contact_on < today for e in rows),
            "limited": len(rows) == KEEP_IN_TOUCH_LIMIT,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("waiting.view")
def keep_in_touch(request: HttpRequest, entry_id: int) -> HttpResponse:
    item = selectors.entry_for(request.membership, entry_id, request.session, to_change=True)
    form = KeepInTouchForm(request.POST or None)
    if request.method == "GET":
        record_on_person(
            actor=Actor.from_request(request),
            kind=AccessEvent.Kind.VIEW,
            action=AccessAction.KEEP_IN_TOUCH_OPENED,
            obj=item,
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.keep_in_touch(
                actor=Actor.from_request(request),
                entry=item,
                method=data["method"],
                things_changed=form.things_changed_value,
                notes=data["notes"],
                outcome=data["outcome"],
                new_priority=data["new_priority"],
                submission_id=data["submission_id"],
            )
        except services.IllegalMove as error:
            form.add_error(None, error)
        else:
            return done(
                request, f"Keep-in-touch contact with {item.person.full_name} recorded", "waiting:entry", item.pk
            )
    return render(
        request,
        "waiting/keep_in_touch_form.html",
        {
            "form": form,
            "entry": item,
            **person_page(request.membership, item.person, concern_from=("keep_in_touch", "")),
        },
    )
