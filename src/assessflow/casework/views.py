"""Pages for notes, documents, warnings and the chronology on a person's record."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.core.journeys import done
from assessflow.people.extensions import person_page
from assessflow.people.selectors import person_for
from assessflow.tenancy.permissions import may, permission_required

from . import selectors
from .actions import AccessAction
from .forms import AmendmentForm, DocumentForm, NoteEditForm, NoteForm, ReasonForm, WarningForm
from .services import documents, notes, warnings


def _person(request: HttpRequest, person_id: int, *, to_change: bool = False):
    return person_for(request.membership, person_id, session=request.session, to_change=to_change)


@require_http_methods(["GET", "POST"])
@permission_required("casework.add_note")
def note_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id, to_change=True)
    now = timezone.localtime()
    form = NoteForm(request.POST or None, initial={"occurred_on": now.date(), "occurred_time": now.strftime("%H:%M")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        notes.add_note(
            actor=Actor.from_request(request),
            person=person,
            note_type=data["note_type"],
            occurred_at=form.occurred_at(),
            text=data["text"],
            significant=data["significant"],
            submission_id=data["submission_id"],
        )
        return done(
            request, f"Note added to {person.full_name}'s record", "people:detail", person_id=person.pk, go_back=True
        )
    return render(
        request,
        "casework/note_form.html",
        {**person_page(request.membership, person), "form": form, "heading": "Add a note"},
    )


@require_GET
@permission_required("casework.view")
def note(request: HttpRequest, note_id: int) -> HttpResponse:
    item = selectors.note_for(request.membership, note_id, request.session)
    actor = Actor.from_request(request)
    record_on_person(actor=actor, kind=AccessEvent.Kind.VIEW, action=AccessAction.NOTE_VIEWED, obj=item)
    return render(
        request,
        "casework/note.html",
        {
            **person_page(request.membership, item.person, concern_from=("note", item.pk)),
            "note": item,
            "amendments": selectors.amendments_of(item),
            "may_edit": notes.may_edit(item, actor),
            "edit_until": notes.edit_window_closes(item),
            "may_amend": may(request.membership, "casework.add_note"),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("casework.add_note")
def note_edit(request: HttpRequest, note_id: int) -> HttpResponse:
    item = selectors.note_for(request.membership, note_id, request.session, to_change=True)
    actor = Actor.from_request(request)
    if not notes.may_edit(item, actor):
        raise PermissionDenied("This note can no longer be edited")
    form = NoteEditForm(
        request.POST or None, initial={"version": item.version, "text": item.text, "significant": item.significant}
    )
    if request.method == "POST" and form.is_valid():
        try:
            notes.edit_note(
                actor=actor,
                note=item,
                text=form.cleaned_data["text"],
                significant=form.cleaned_data["significant"],
                expected_version=form.cleaned_data["version"],
            )
        except notes.NoteLocked as error:
            form.add_error(None, str(error))
        else:
            return done(request, f"Note on {item.person.full_name}'s record changed", "casework:note", item.pk)
    return render(
        request,
        "casework/note_form.html",
        {**person_page(request.membership, item.person), "form": form, "heading": "Change the note"},
    )


@require_http_methods(["GET", "POST"])
@permission_required("casework.add_note")
def note_amend(request: HttpRequest, note_id: int) -> HttpResponse:
    original = selectors.note_for(request.membership, note_id, request.session, to_change=True)
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        notes.add_note(
            actor=Actor.from_request(request),
            person=original.person,
            note_type=original.note_type,
            occurred_at=original.occurred_at,
            text=form.cleaned_data["text"],
            significant=original.significant,
            submission_id=form.cleaned_data["submission_id"],
            amends=original,
        )
        return done(request, "Amendment added to the note", "casework:note", original.pk)
    return render(
        request,
        "casework/note_form.html",
        {
            **person_page(request.membership, original.person),
            "form": form,
            "heading": "Add an amendment",
            "original": original,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("casework.add_document")
def document_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id, to_change=True)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            documents.add_document(
                actor=Actor.from_request(request),
                person=person,
                title=data["title"],
                category=data["category"],
                upload=data["file"],
                submission_id=data["submission_id"],
            )
        except documents.UploadRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            return done(
                request,
                f"Document added to {person.full_name}'s record: {data['title']}",
                "people:detail",
                person_id=person.pk,
                go_back=True,
            )
    return render(
        request,
        "casework/document_form.html",
        {**person_page(request.membership, person), "form": form},
        status=400 if request.method == "POST" else 200,  # a post that gets here was refused
    )


@require_GET
@permission_required("casework.view")
def document(request: HttpRequest, document_id: int) -> FileResponse:
    item = selectors.document_for(request.membership, document_id, request.session)
    documents.record_download(actor=Actor.from_request(request), document=item)
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.download_name, content_type=item.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@permission_required("casework.add_document")
def document_retract(request: HttpRequest, document_id: int) -> HttpResponse:
    item = selectors.document_for(request.membership, document_id, request.session, to_change=True)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        documents.retract_document(actor=Actor.from_request(request), document=item, reason=form.cleaned_data["reason"])
        return done(
            request,
            f"Document removed from {item.person.full_name}'s record: {item.title}",
            "people:detail",
            person_id=item.person_id,
        )
    return render(
        request,
        "casework/retract.html",
        {
            **person_page(request.membership, item.person),
            "form": form,
            "item": item,
            "heading": "Remove this document from the record",
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("casework.add_note")
def note_retract(request: HttpRequest, note_id: int) -> HttpResponse:
    item = selectors.note_for(request.membership, note_id, request.session, to_change=True)
    if item.author_id != request.user.pk and not may(request.membership, "casework.view_team_tasks"):
        raise PermissionDenied("Only the author or a manager can retract a note")
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        notes.retract_note(actor=Actor.from_request(request), note=item, reason=form.cleaned_data["reason"])
        return done(
            request, f"Note retracted from {item.person.full_name}'s record", "people:detail", person_id=item.person_id
        )
    return render(
        request,
        "casework/retract.html",
        {**person_page(request.membership, item.person), "form": form, "item": item, "heading": "Retract this note"},
    )


@require_http_methods(["GET", "POST"])
@permission_required("casework.add_warning")
def warning_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id, to_change=True)
    form = WarningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            warning = warnings.add_warning(actor=Actor.from_request(request), person=person, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return done(
                request,
                f"Warning added to {person.full_name}'s record: {warning.get_warning_type_display().lower()}",
                "people:detail",
                person_id=person.pk,
                go_back=True,
            )
    return render(request, "casework/warning_form.html", {**person_page(request.membership, person), "form": form})


@require_GET
@permission_required("casework.view")
def warning_list(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    record_on_person(
        actor=Actor.from_request(request),
        kind=AccessEvent.Kind.VIEW,
        action=AccessAction.WARNINGS_VIEWED,
        obj=person,
        person_id=person.pk,
    )
    return render(
        request,
        "casework/warnings.html",
        {
            **person_page(request.membership, person),
            "warnings": selectors.warnings_of(person),
            "today": timezone.localdate(),
            "may_end": may(request.membership, "casework.add_warning"),
        },
    )


@require_POST
@permission_required("casework.add_warning")
def warning_end(request: HttpRequest, warning_id: int) -> HttpResponse:
    item = selectors.warning_for(request.membership, warning_id, request.session, to_change=True)
    warnings.end_warning(actor=Actor.from_request(request), warning=item)
    return done(
        request,
        f"Warning ended on {item.person.full_name}'s record: {item.get_warning_type_display().lower()}",
        "casework:warnings",
        person_id=item.person_id,
    )


@require_GET
@permission_required("casework.view")
def chronology(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    record_on_person(
        actor=Actor.from_request(request),
        kind=AccessEvent.Kind.VIEW,
        action=AccessAction.CHRONOLOGY_VIEWED,
        obj=person,
        person_id=person.pk,
    )
    return render(
        request,
        "casework/chronology.html",
        {**person_page(request.membership, person), "events": selectors.chronology_of(request.membership, person)},
    )
