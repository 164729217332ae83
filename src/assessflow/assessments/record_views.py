"""The assessor's pages: starting from the caseload, the assessment's task list with the live determination, each
section's questions, drafts kept as they type, offering a carer an assessment, and submitting the work."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.core.journeys import done
from assessflow.pathway.transitions import IllegalMove
from assessflow.people.extensions import person_page
from assessflow.people.selectors import PersonSearch
from assessflow.people.services import record_people_searched
from assessflow.tenancy.permissions import may, permission_required, require

from . import client_level_data, record_selectors, selectors
from .actions import AccessAction
from .moves import EDITABLE
from .page_parts import PAGE_PARTS
from .record_forms import FORMS, AdviceForm, CaredForForm
from .services import common, progress, record


@require_POST
@permission_required("assessments.carry_out")
def start(request: HttpRequest, entry_id: int) -> HttpResponse:
    allocation = record_selectors.allocation_to_start(request.membership, entry_id)
    if allocation is None:
        raise Http404("No work of yours to start")
    already = record_selectors.started_for_entries([entry_id]).get(entry_id)
    if already is not None:
        return redirect("assessments:assessment", already)
    try:
        assessment = common.start(actor=Actor.from_request(request), allocation=allocation)
    except IllegalMove as error:
        messages.error(request, " ".join(error.messages))
        return redirect("allocation:caseload")
    return done(request, f"{assessment.get_kind_display()} started", "assessments:assessment", assessment.pk)


def _page(request: HttpRequest, item, *, status: int = 200, submit_errors=()) -> HttpResponse:
    determination, still_needed = record.live_determination(item)
    editable = item.status in EDITABLE and may(request.membership, "assessments.carry_out", item)
    sections = [(s, record.status_of(item, s)) for s in record.sections_for(item)]
    parts = [
        {"part": p, "url": reverse(p.url_name, args=[item.pk]), "status": p.status(item) if p.status else ""}
        for p in PAGE_PARTS
        if may(request.membership, p.permission, item)
    ]
    needs_advocate = item.substantial_difficulty and not item.appropriate_person and not item.advocate
    return render(
        request,
        "assessments/assessment.html",
        {
            "assessment": item,
            "sections": sections,
            "completed": sum(1 for _, s in sections if s == record.COMPLETED),
            "determination": determination,
            "still_needed": still_needed,
            "editable": editable,
            "parts": parts,
            "needs_advocate": needs_advocate,
            "carers": record_selectors.carers_to_offer(item) if editable else [],
            "submit_errors": submit_errors,
            "checks": selectors.checks_of(item),
            "returned": selectors.returned_sections(item),
            "client_level_data": client_level_data.of(item),
            **person_page(request.membership, item.person, concern_from=("assessment", item.pk)),
        },
        status=status,
    )


@require_GET
@permission_required("assessments.view")
def assessment(request: HttpRequest, assessment_id: int) -> HttpResponse:
    item = selectors.assessment_for(request.membership, assessment_id, session=request.session)
    record_on_person(
        actor=Actor.from_request(request), kind=AccessEvent.Kind.VIEW, action=AccessAction.VIEWED, obj=item
    )
    return _page(request, item)


def _form_for(request: HttpRequest, item, section: record.Section, data=None):
    form_class = FORMS[section.slug]
    extra: dict = {}
    if form_class is CaredForForm:
        extra["people"], _ = record_selectors.people_cared_for(
            request.membership, item, chosen_id=_number((data or {}).get("cared_for"))
        )
    if form_class is AdviceForm:
        determination, _ = record.live_determination(item)
        extra["eligible"] = determination["eligible"] if determination else None
    return form_class(data, assessment=item, initial=form_class.initial_for(item), **extra)


def _number(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


def _searched(request: HttpRequest, item, form) -> list:
    """On the cared-for section, a search for the person cared for among the people this role may see; logged."""
    search = PersonSearch(
        given_name=request.GET.get("given_name", "").strip()[:100],
        family_name=request.GET.get("family_name", "").strip()[:100],
    )
    if search.is_empty:
        return []
    choices, found = record_selectors.people_cared_for(request.membership, item, search=search)
    form.people = {p.pk: p for p in choices}
    form.fields["cared_for"].choices = [(p.pk, p.full_name) for p in choices]
    record_people_searched(
        actor=Actor.from_request(request),
        council_ids=[item.council_id],
        criteria=[k for k in ("given_name", "family_name") if getattr(search, k)],
        found=found,
    )
    return found


def _with_draft(form, draft) -> None:
    """A draft's posted values as the form's starting answers: lists for the questions with several answers."""
    for name, values in draft.data.items():
        if name in form.fields and name != "version":
            multiple = getattr(form.fields[name].widget, "allow_multiple_selected", False)
            form.initial[name] = values if multiple else (values[0] if values else "")


@require_http_methods(["GET", "POST"])
@permission_required("assessments.view")
def section(request: HttpRequest, assessment_id: int, section: str) -> HttpResponse:
    changing = request.method == "POST"
    item = selectors.assessment_for(request.membership, assessment_id, session=request.session, to_change=changing)
    chosen = record.section_of(item, section)
    if chosen is None:
        raise Http404("No such section")
    editable = item.status in EDITABLE and may(request.membership, "assessments.carry_out", item)
    actor = Actor.from_request(request)
    conflict, draft, status, found = None, None, 200, None
    if changing:
        require(request.membership, "assessments.carry_out", item)
        form = _form_for(request, item, chosen, data=request.POST)
        if form.is_valid():
            fields, answers, carer = form.changes()
            try:
                record.save_section(
                    actor=actor,
                    assessment=item,
                    section=chosen,
                    fields=fields,
                    answers=answers,
                    carer=carer,
                    expected_version=form.cleaned_data["version"],
                )
                return done(request, f"{chosen.title}: saved", "assessments:assessment", item.pk)
            except record.SectionConflict as error:
                conflict = error.current
                form.add_error(None, error.messages[0])
                # The saved version is shown beside the user's own answers, which stay in the form; saving again
                # is then a choice made with both in view.
                form.data = form.data.copy()
                form.data["version"] = str(conflict.version)
            except IllegalMove as error:
                form.add_error(None, error.messages)
        status = 400
    else:
        record_on_person(actor=actor, kind=AccessEvent.Kind.VIEW, action=AccessAction.VIEWED, obj=item)
        draft = record_selectors.draft_of(user=request.user, assessment=item, section=chosen.slug) if editable else None
        form = _form_for(request, item, chosen)
        if draft is not None:
            _with_draft(form, draft)
        if chosen.slug == "cared-for" and editable:
            found = _searched(request, item, form)
    return render(
        request,
        "assessments/section.html",
        {
            "assessment": item,
            "section": chosen,
            "form": form,
            "editable": editable,
            "draft": draft,
            "conflict": conflict,
            "found": found,
            "searched": request.GET.get("family_name") or request.GET.get("given_name"),
            "conflict_form": _form_for(request, conflict, chosen) if conflict else None,
            **person_page(request.membership, item.person, concern_from=("assessment", item.pk)),
        },
        status=status,
    )


@require_POST
@permission_required("assessments.carry_out")
def draft(request: HttpRequest, assessment_id: int, section: str) -> HttpResponse:
    item = selectors.assessment_for(request.membership, assessment_id, session=request.session, to_change=True)
    chosen = record.section_of(item, section)
    if chosen is None:
        raise Http404("No such section")
    data = {name: request.POST.getlist(name) for name in request.POST if name != "csrfmiddlewaretoken"}
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        return JsonResponse({"saved": False, "error": "The form's version is missing"}, status=400)
    try:
        kept = record.keep_draft(
            actor=Actor.from_request(request), assessment=item, section=chosen, data=data, base_version=version
        )
    except IllegalMove as error:
        return JsonResponse({"saved": False, "error": " ".join(error.messages)}, status=409)
    return JsonResponse({"saved": True, "saved_at": kept.saved_at.isoformat()})


@require_POST
@permission_required("assessments.carry_out")
def offer_carer(request: HttpRequest, assessment_id: int) -> HttpResponse:
    item = selectors.assessment_for(request.membership, assessment_id, session=request.session, to_change=True)
    try:
        relationship_id = int(request.POST.get("relationship", ""))
        entry = record.offer_carers_assessment(
            actor=Actor.from_request(request), assessment=item, relationship_id=relationship_id
        )
    except (ValueError, IllegalMove) as error:
        messages.error(request, " ".join(getattr(error, "messages", ["Choose a carer to offer an assessment"])))
        return redirect("assessments:assessment", item.pk)
    return done(
        request, f"{entry.person.full_name} is on the list for a carer's assessment", "assessments:assessment", item.pk
    )


@require_POST
@permission_required("assessments.carry_out")
def submit(request: HttpRequest, assessment_id: int) -> HttpResponse:
    item = selectors.assessment_for(request.membership, assessment_id, session=request.session, to_change=True)
    try:
        version = int(request.POST.get("version", ""))
        moved = progress.submit(actor=Actor.from_request(request), assessment=item, expected_version=version)
    except ValueError:
        return _page(request, item, status=400, submit_errors=["Reload the page and submit again"])
    except IllegalMove as error:
        return _page(request, item, status=400, submit_errors=error.messages)
    return done(
        request,
        f"{moved.get_kind_display()} submitted: {moved.get_status_display().lower()}",
        "assessments:assessment",
        moved.pk,
    )
