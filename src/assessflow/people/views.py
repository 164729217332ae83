"""Pages for finding, adding, reading and changing person records."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from assessflow.audit.actor import Actor
from assessflow.core.journeys import done
from assessflow.tenancy.permissions import may, permission_required

from . import selectors, services
from .actions import AccessAction
from .extensions import person_page, timeline_kinds
from .forms import EditPersonForm, NewPersonForm, PersonSearchForm, RelationshipForm
from .restrictions import active_restriction, closed_to
from .selectors import PersonSearch

ACCESS_LOG_PAGE_SIZE = 50


@require_GET
@permission_required("people.find_person")
def find(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.GET if request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        search = PersonSearch(**form.cleaned_data)
        results = selectors.search_people(request.membership, search)
        services.record_people_searched(
            actor=Actor.from_request(request),
            council_ids=request.membership.council_ids(),
            criteria=[name for name, value in form.cleaned_data.items() if value],
            found=results,
        )
    return render(
        request,
        "people/find.html",
        {
            "form": form,
            "results": results,
            "closed": closed_to(request.membership, results or [], request.session),
            "may_add": may(request.membership, "people.add_person"),
        },
    )


def _duplicates_for(request: HttpRequest, data: dict, exclude_id: int | None = None):
    found = selectors.possible_duplicates(
        request.membership,
        nhs_number=data.get("nhs_number", ""),
        given_name=data.get("given_name", ""),
        family_name=data.get("family_name", ""),
        date_of_birth=data.get("date_of_birth"),
        exclude_id=exclude_id,
    )
    if found:
        services.record_people_searched(
            actor=Actor.from_request(request),
            council_ids=request.membership.council_ids(),
            criteria=["duplicate check"],
            found=found,
        )
    return found


def _apply_validation_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


@require_http_methods(["GET", "POST"])
@permission_required("people.add_person")
def new(request: HttpRequest) -> HttpResponse:
    duplicates = []
    if request.method == "POST":
        form = NewPersonForm(request.POST)
        already = selectors.person_from_submission(request.membership, form.data.get("submission_id", ""))
        if already is not None:
            # A retried or double-clicked submission: show what the first one created.
            return redirect("people:detail", person_id=already.pk)
        if form.is_valid():
            data = form.cleaned_data
            duplicates = _duplicates_for(request, data)
            if duplicates and not data["confirm_new"]:
                form.add_error(
                    "confirm_new",
                    "Check the possible matches. Open the right record, or confirm none of them is this person",
                )
            else:
                details = {name: data[name] for name in services.EDITABLE_FIELDS}
                try:
                    person = services.create_person(
                        actor=Actor.from_request(request),
                        council=request.membership.organisation,
                        details=details,
                        submission_id=data["submission_id"],
                    )
                except ValidationError as error:
                    _apply_validation_error(form, error)
                else:
                    return done(request, f"Record created for {person.full_name}", "people:detail", person_id=person.pk)
    else:
        initial = {k: request.GET[k] for k in ("given_name", "family_name", "nhs_number") if k in request.GET}
        form = NewPersonForm(initial=initial)
    return render(
        request,
        "people/new.html",
        {"form": form, "duplicates": duplicates, "closed": closed_to(request.membership, duplicates, request.session)},
    )


@require_GET
@permission_required("people.view_person")
def detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_for(request.membership, person_id, session=request.session)
    services.record_person_viewed(actor=Actor.from_request(request), person=person)
    kind = request.GET.get("kind", "")
    kinds = timeline_kinds()
    if kind not in kinds:
        kind = ""
    return render(
        request,
        "people/detail.html",
        {
            **person_page(request.membership, person),
            "relationships": selectors.relationships_of(person),
            "timeline": selectors.timeline_page(
                request.membership, person, kind=kind, cursor=request.GET.get("before", "")
            ),
            "timeline_kinds": kinds,
            "timeline_kind": kind,
            "may_change": may(request.membership, "people.change_person", person),
            "may_view_access_log": may(request.membership, "people.view_access_log", person),
            "may_restrict": may(request.membership, "people.restrict", person),
            "restriction": active_restriction(person),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("people.change_person")
def edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_for(request.membership, person_id, session=request.session, to_change=True)
    conflict = None
    if request.method == "POST":
        form = EditPersonForm(request.POST, instance=person)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_person(
                    actor=Actor.from_request(request),
                    person=person,
                    changes={name: data[name] for name in services.EDITABLE_FIELDS},
                    expected_version=data["version"],
                )
            except services.StaleRecord:
                # Keep what this user typed; show what is saved now so they can reconcile.
                conflict = selectors.person_for(request.membership, person_id, session=request.session, to_change=True)
                form = EditPersonForm(request.POST.copy(), instance=conflict)
                form.data["version"] = conflict.version
                form.is_valid()
                form.add_error(
                    None,
                    "Someone else changed this record after you opened it. "
                    "Check your answers against the saved record below, then save again",
                )
            except ValidationError as error:
                _apply_validation_error(form, error)
            else:
                return done(request, f"{person.full_name}'s details saved", "people:detail", person_id=person.pk)
    else:
        services.record_person_viewed(
            actor=Actor.from_request(request), person=person, action=AccessAction.PERSON_OPENED_FOR_CHANGE
        )
        form = EditPersonForm(instance=person, initial={"version": person.version})
    return render(
        request, "people/edit.html", {**person_page(request.membership, person), "form": form, "conflict": conflict}
    )


@require_http_methods(["GET", "POST"])
@permission_required("people.change_person")
def relationship_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_for(request.membership, person_id, session=request.session, to_change=True)
    form = RelationshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        related_nhs_number = data.pop("related_nhs_number")
        submission_id = data.pop("submission_id")
        if related_nhs_number:
            found = selectors.search_people(request.membership, PersonSearch(nhs_number=related_nhs_number))
            if found:
                data["related_person"] = found[0]
            else:
                form.add_error(
                    "related_nhs_number",
                    "No one with this NHS number is on record. Leave it blank and enter their name",
                )
        if not form.errors:
            relationship = services.add_relationship(
                actor=Actor.from_request(request), person=person, details=data, submission_id=submission_id
            )
            return done(
                request,
                f"{relationship.display_name} added to {person.full_name}'s record as "
                f"{relationship.get_kind_display().lower()}",
                "people:detail",
                person_id=person.pk,
            )
    return render(request, "people/relationship_form.html", {**person_page(request.membership, person), "form": form})


@require_GET
@permission_required("people.view_access_log")
def access_log(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_for(request.membership, person_id, session=request.session)
    services.record_person_viewed(
        actor=Actor.from_request(request), person=person, action=AccessAction.PERSON_ACCESS_LOG_VIEWED
    )
    page = Paginator(selectors.access_log_of(person), ACCESS_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/access_log.html", {**person_page(request.membership, person), "page": page})


@require_GET
@permission_required("people.view_own_record")
def my_record(request: HttpRequest) -> HttpResponse:
    person = selectors.own_record(request.membership)
    if person is None:
        raise Http404("No record is linked to this account")
    services.record_person_viewed(actor=Actor.from_request(request), person=person)
    return render(
        request, "people/my_record.html", {"person": person, "relationships": selectors.relationships_of(person)}
    )
