"""Asking for suggestions, watching them worked out, reading their reasons and accepting them; the council's weights."""

from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.people.services import record_people_searched
from assessflow.tenancy.models import Contract, User
from assessflow.tenancy.permissions import permission_required
from assessflow.waiting.models import WaitingListEntry, WorkType

from . import selectors, services
from .forms import AreaForm, ContractScopeForm, SuggestForm, TravelTimeForm, WeightsForm
from .models import AllocationRun, AllocationSettings, Area, ContractScope, TravelTime
from .rules import RULE_MESSAGES

SHOWN = 300  # suggestions listed on the page; accepting "all" takes every one


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
        return redirect("allocation:run", run.pk)
    runs = AllocationRun.objects.filter(council=council).select_related("requested_by", "team")[:10]
    return render(request, "allocation/suggest.html", {"form": form, "runs": runs})


def _run(request: HttpRequest, run_id: int) -> AllocationRun:
    run = AllocationRun.objects.filter(pk=run_id, council=request.membership.organisation).first()
    if run is None:
        raise Http404("Not found")
    return run


def _rows(run: AllocationRun):
    shown = run.suggestions[:SHOWN]
    blocked = run.blocked[:SHOWN]
    ids = [s["entry"] for s in shown] + [b["entry"] for b in blocked]
    entries = WaitingListEntry.objects.filter(pk__in=ids).select_related("person")
    entries = {e.pk: e for e in entries}
    users = {u.pk: u for u in User.objects.filter(pk__in=[s["assessor"] for s in shown])}
    suggestions = [
        {**s, "entry": entries[s["entry"]], "assessor": users[s["assessor"]], "pounds": s["pence"] / 100}
        for s in shown
        if s["entry"] in entries and s["assessor"] in users
    ]
    stuck = [{"entry": entries[b["entry"]], "why": RULE_MESSAGES[b["rule"]]} for b in blocked if b["entry"] in entries]
    return suggestions, stuck


@require_http_methods(["GET"])
@permission_required("allocation.allocate")
def run(request: HttpRequest, run_id: int) -> HttpResponse:
    item = _run(request, run_id)
    suggestions, stuck = _rows(item) if item.status in (item.Status.DONE, item.Status.ACCEPTED) else ([], [])
    record_people_searched(
        actor=Actor.from_request(request),
        council_ids=[item.council_id],
        criteria=["allocation suggestions"],
        found=[row["entry"].person for row in [*suggestions, *stuck]],
    )
    return render(
        request,
        "allocation/run.html",
        {"run": item, "suggestions": suggestions, "stuck": stuck, "shown": SHOWN},
    )


@require_POST
@permission_required("allocation.allocate")
def accept(request: HttpRequest, run_id: int) -> HttpResponse:
    item = _run(request, run_id)
    if request.POST.get("which") == "all":
        chosen = {s["entry"] for s in item.suggestions}
    else:
        chosen = {int(v) for v in request.POST.getlist("entry") if v.isdigit()}
    try:
        item = services.accept(actor=Actor.from_request(request), run=item, entry_ids=chosen)
    except services.AllocationRefused as error:
        suggestions, stuck = _rows(item)
        return render(
            request,
            "allocation/run.html",
            {
                "run": item,
                "suggestions": suggestions,
                "stuck": stuck,
                "shown": SHOWN,
                "error": " ".join(error.messages),
            },
            status=400,
        )
    if item.status == item.Status.ACCEPTING:
        return redirect("allocation:run", item.pk)
    return redirect("allocation:team")


@require_http_methods(["GET", "POST"])
@permission_required("allocation.configure")
def allocation_settings(request: HttpRequest) -> HttpResponse:
    council = request.membership.organisation
    today = timezone.localdate()
    found = AllocationSettings.objects.filter(council=council).first() or AllocationSettings(council=council)
    form = WeightsForm(request.POST if "weights" in request.POST else None, instance=found)
    area_form = AreaForm(request.POST if "area" in request.POST else None)
    travel_form = TravelTimeForm(request.POST if "travel" in request.POST else None, council=council)
    contracts = Contract.objects.filter(pk__in=[c.pk for c in selectors.live_contracts(council, today).values()])
    scope_form = ContractScopeForm(request.POST if "scope" in request.POST else None, contracts=contracts)
    if scope_form.is_bound and scope_form.is_valid():
        with transaction.atomic():
            scope, _ = ContractScope.objects.update_or_create(
                council=council,
                contract=scope_form.cleaned_data["contract"],
                defaults={"work_types": scope_form.cleaned_data["work_types"]},
            )
            record_access(
                actor=Actor.from_request(request),
                kind=AccessEvent.Kind.CHANGE,
                action="allocation.settings_saved",
                obj=scope,
                council_id=council.pk,
                fields=["work_types"],
            )
        return redirect("allocation:settings")
    if travel_form.is_bound and travel_form.is_valid():
        data = travel_form.cleaned_data
        TravelTime.objects.update_or_create(
            council=council, from_area=data["from_area"], to_area=data["to_area"], defaults={"minutes": data["minutes"]}
        )
        return redirect("allocation:settings")
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            record_access(
                actor=Actor.from_request(request),
                kind=AccessEvent.Kind.CHANGE,
                action="allocation.settings_saved",
                obj=saved,
                council_id=council.pk,
                fields=list(form.changed_data),
            )
        return redirect("allocation:settings")
    if area_form.is_bound and area_form.is_valid():
        try:
            with transaction.atomic():
                Area.objects.create(
                    council=council, code=area_form.cleaned_data["code"].upper(), name=area_form.cleaned_data["name"]
                )
            return redirect("allocation:settings")
        except IntegrityError:
            area_form.add_error("code", "That area is already listed")
    return render(
        request,
        "allocation/settings.html",
        {
            "form": form,
            "area_form": area_form,
            "travel_form": travel_form,
            "areas": Area.objects.filter(council=council),
            "travel": TravelTime.objects.filter(council=council).select_related("from_area", "to_area"),
            "scope_form": scope_form,
            "scopes": ContractScope.objects.filter(council=council).select_related("contract__provider"),
            "work_labels": dict(WorkType.choices),
        },
        status=400 if form.errors or area_form.errors or travel_form.errors or scope_form.errors else 200,
    )
