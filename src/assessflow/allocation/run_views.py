"""Asking for suggestions, watching them worked out, reading their reasons and accepting them; the council's weights."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.people.services import record_people_searched
from assessflow.tenancy.permissions import permission_required
from assessflow.waiting.models import WorkType

from . import pool_services, run_selectors, services, undo
from .forms import AreaForm, ContractScopeForm, SuggestForm, TravelTimeForm, WeightsForm
from .models import AllocationRun


@require_http_methods(["GET", "POST"])
@permission_required("allocation.allocate")
def suggest(request: HttpRequest) -> HttpResponse:
    council = request.membership.organisation
    form = SuggestForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        run = services.start_run(
            actor=Actor.from_request(request),
            council=council,
            work_type=form.cleaned_data["work_type"],
            team=form.cleaned_data["team"],
        )
        messages.success(request, "Working out suggestions: this page shows them when they are ready")
        return redirect("allocation:run", run.pk)
    runs = run_selectors.recent_runs(request.membership)
    return render(request, "allocation/suggest.html", {"form": form, "runs": runs})


def _run(request: HttpRequest, run_id: int) -> AllocationRun:
    return run_selectors.run_for(request.membership, run_id)


LISTED = (AllocationRun.Status.DONE, AllocationRun.Status.ACCEPTED, AllocationRun.Status.UNDONE)


def _run_page(request: HttpRequest, item: AllocationRun, *, ticked=frozenset(), error=None, status=200):
    """The run with its suggestions grouped by assessor; nothing is ticked but what the manager ticked."""
    found = run_selectors.listing(item) if item.status in LISTED else None
    rows = [row for group in found.groups for row in group.rows] if found else []
    kept = run_selectors.not_undone(item)
    record_people_searched(
        actor=Actor.from_request(request),
        council_ids=[item.council_id],
        criteria=["allocation suggestions"],
        found=[row["entry"].person for row in [*rows, *(found.stuck if found else []), *kept]],
    )
    opened = {g.assessor.pk for g in found.groups if any(r["entry"].pk in ticked for r in g.rows)} if found else set()
    if error and rows and not opened:
        opened = {found.groups[0].assessor.pk}  # where the error summary's link goes
    context = {
        "run": item,
        "listing": found,
        "ticked": ticked,
        "opened": opened,
        "first_box": f"accept-{rows[0]['entry'].pk}" if rows and item.status == item.Status.DONE else "",
        "error": error,
        "may_undo": undo.may_undo(item),
        "undo_until": undo.undo_until(item),
        "undo_minutes": int(undo.UNDO_WINDOW.total_seconds() // 60),
        "not_undone": kept,
    }
    return render(request, "allocation/run.html", context, status=status)


@require_http_methods(["GET"])
@permission_required("allocation.allocate")
def run(request: HttpRequest, run_id: int) -> HttpResponse:
    return _run_page(request, _run(request, run_id))


def _accepted(request: HttpRequest, item: AllocationRun) -> HttpResponse:
    if item.status == item.Status.ACCEPTING:
        messages.success(request, f"Accepting {len(item.chosen)} suggestions: this page shows when it is done.")
    else:
        until = timezone.localtime(undo.undo_until(item)).strftime("%H:%M")
        messages.success(
            request,
            f"{item.accepted} suggestion{pluralize(item.accepted)} accepted: the cases are allocated and off the "
            f"waiting list. You can undo this until {until}.",
        )
    return redirect("allocation:run", item.pk)


@require_POST
@permission_required("allocation.allocate")
def accept(request: HttpRequest, run_id: int) -> HttpResponse:
    """Accept only what the manager ticked; accepting all has its own page that says what it will do."""
    item = _run(request, run_id)
    chosen = {int(v) for v in request.POST.getlist("entry") if v.isdigit()}
    try:
        item = services.accept(actor=Actor.from_request(request), run=item, entry_ids=chosen)
    except services.AllocationRefused as error:
        return _run_page(request, item, ticked=chosen, error=" ".join(error.messages), status=400)
    return _accepted(request, item)


@require_http_methods(["GET", "POST"])
@permission_required("allocation.allocate")
def accept_all(request: HttpRequest, run_id: int) -> HttpResponse:
    """What accepting every suggestion would do (cases, assessors, providers' contracts); the POST does it."""
    item = _run(request, run_id)
    if item.status != item.Status.DONE and request.method == "POST":
        return _run_page(request, item, error="These suggestions are not ready, or were already accepted.", status=400)
    if item.status != item.Status.DONE:
        return redirect("allocation:run", item.pk)
    error = None
    if request.method == "POST":
        try:
            item = services.accept(
                actor=Actor.from_request(request), run=item, entry_ids={s["entry"] for s in item.suggestions}
            )
            return _accepted(request, item)
        except services.AllocationRefused as refused:
            error = " ".join(refused.messages)
    summary = run_selectors.acceptance_summary(item, timezone.localdate())
    context = {
        "run": item,
        "summary": summary,
        "error": error,
        "undo_minutes": int(undo.UNDO_WINDOW.total_seconds() // 60),
    }
    return render(request, "allocation/accept_all.html", context, status=400 if error else 200)


@require_POST
@permission_required("allocation.allocate")
def undo_run(request: HttpRequest, run_id: int) -> HttpResponse:
    item = _run(request, run_id)
    try:
        item = undo.undo(actor=Actor.from_request(request), run=item)
    except services.AllocationRefused as error:
        return _run_page(request, item, error=" ".join(error.messages), status=400)
    kept = len(item.not_undone)
    message = f"Undone: {item.undone} allocation{pluralize(item.undone)} withdrawn and back on the waiting list."
    if kept:
        message += f" {kept} could not be undone: they are listed below with why."
    messages.success(request, message)
    return redirect("allocation:run", item.pk)


@require_http_methods(["GET", "POST"])
@permission_required("allocation.configure")
def allocation_settings(request: HttpRequest) -> HttpResponse:
    council = request.membership.organisation
    page = run_selectors.settings_page(request.membership, timezone.localdate())
    actor = Actor.from_request(request)
    form = WeightsForm(request.POST if "weights" in request.POST else None, instance=page.weights)
    area_form = AreaForm(request.POST if "area" in request.POST else None)
    travel_form = TravelTimeForm(request.POST if "travel" in request.POST else None, council=council)
    scope_form = ContractScopeForm(request.POST if "scope" in request.POST else None, contracts=page.contracts)
    if scope_form.is_bound and scope_form.is_valid():
        pool_services.scope_contract(actor=actor, council=council, **scope_form.cleaned_data)
        provider = scope_form.cleaned_data["contract"].provider.name
        messages.success(request, f"Work that may be suggested for {provider}'s contract saved")
        return redirect("allocation:settings")
    if travel_form.is_bound and travel_form.is_valid():
        pool_services.set_travel_time(actor=actor, council=council, **travel_form.cleaned_data)
        travel = travel_form.cleaned_data
        messages.success(request, f"Travel time from {travel['from_area']} to {travel['to_area']} saved")
        return redirect("allocation:settings")
    if form.is_bound and form.is_valid():
        pool_services.save_weights(actor=actor, form=form)
        messages.success(request, "How suggestions are weighed saved")
        return redirect("allocation:settings")
    if area_form.is_bound and area_form.is_valid():
        try:
            pool_services.add_area(actor=actor, council=council, **area_form.cleaned_data)
            messages.success(request, f"Area {area_form.cleaned_data['code'].upper()} added")
            return redirect("allocation:settings")
        except ValidationError as error:
            area_form.add_error(None, error)
    return render(
        request,
        "allocation/settings.html",
        {
            "form": form,
            "area_form": area_form,
            "travel_form": travel_form,
            "areas": page.areas,
            "travel": page.travel,
            "scope_form": scope_form,
            "scopes": page.scopes,
            "work_labels": dict(WorkType.choices),
        },
        status=400 if form.errors or area_form.errors or travel_form.errors or scope_form.errors else 200,
    )
