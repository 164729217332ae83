"""Pages for letters: writing one to a person, saying when it was sent, and the council's templates and settings."""

import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.core.journeys import done
from assessflow.people.extensions import person_page
from assessflow.tenancy.permissions import may, permission_required

from . import selectors
from .actions import AccessAction
from .forms import CaseworkSettingsForm, LetterForm, LetterSentForm, LetterTemplateForm
from .models import Document
from .services import config, letters
from .views import _person


@require_http_methods(["GET", "POST"])
@permission_required("casework.send_letter")
def letter_new(request: HttpRequest, person_id: int) -> HttpResponse:
    """Choose a template, preview the letter filled in for this person, then create its PDF."""
    # Previewing reads the record; only sending the letter changes it.
    person = _person(request, person_id, to_change=request.method == "POST")
    templates = selectors.letter_templates(person.council)
    form = LetterForm(request.POST or request.GET or None, templates=templates)
    preview = None
    submission_id = None
    if form.is_bound and form.is_valid():
        submission_id = form.cleaned_data["submission_id"] or uuid.uuid4()
        actor = Actor.from_request(request)
        template, large_print = form.cleaned_data["template"], form.cleaned_data["large_print"]
        if request.method == "POST":
            letter = letters.send_letter(
                actor=actor, person=person, template=template, large_print=large_print, submission_id=submission_id
            )
            return done(
                request,
                f"Letter filed on {person.full_name}'s record: {letter.title}",
                "casework:letter",
                letter.pk,
                names={"person": person.full_name},
            )
        preview = letters.letter_html(
            template=template, person=person, actor=actor, large_print=large_print, preview=True
        )
        letters.record_preview(actor=actor, person=person, template=template)
    return render(
        request,
        "casework/letter_form.html",
        {
            **person_page(request.membership, person),
            "form": form,
            "preview": preview,
            "submission_id": submission_id,
            "has_templates": templates.exists(),
        },
    )


@require_GET
@permission_required("casework.view")
def letter(request: HttpRequest, document_id: int) -> HttpResponse:
    """A filed letter: whether it has been sent, and how and when, or the form to say it has."""
    item = _letter(request, document_id)
    record_on_person(
        actor=Actor.from_request(request), kind=AccessEvent.Kind.VIEW, action=AccessAction.LETTER_VIEWED, obj=item
    )
    return _letter_page(request, item, LetterSentForm(letter=item))


@require_POST
@permission_required("casework.send_letter")
def letter_sent(request: HttpRequest, document_id: int) -> HttpResponse:
    item = _letter(request, document_id, to_change=True)
    form = LetterSentForm(request.POST, letter=item)
    if form.is_valid():
        try:
            letters.mark_sent(
                actor=Actor.from_request(request), letter=item, how=form.cleaned_data["how"], sent_at=form.sent_at()
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            how = Document.Sending(form.cleaned_data["how"]).label.lower()
            return done(
                request,
                f"Letter recorded as {how} on {form.cleaned_data['sent_on']:%-d %B %Y}: {item.title}",
                "casework:letter",
                item.pk,
            )
    return _letter_page(request, item, form, status=400)


def _letter(request: HttpRequest, document_id: int, *, to_change: bool = False) -> Document:
    item = selectors.document_for(request.membership, document_id, request.session, to_change=to_change)
    if item.category != Document.Category.LETTER:
        raise Http404("Not found")
    return item


def _letter_page(request: HttpRequest, item: Document, form: LetterSentForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "casework/letter_detail.html",
        {
            **person_page(request.membership, item.person),
            "letter": item,
            "form": form,
            "may_mark_sent": may(request.membership, "casework.send_letter"),
        },
        status=status,
    )


@require_GET
@permission_required("casework.manage_letters")
def letter_templates(request: HttpRequest) -> HttpResponse:
    council = request.membership.organisation
    return render(
        request,
        "casework/letter_templates.html",
        {"templates": selectors.letter_templates(council, active_only=False)},
    )


@require_http_methods(["GET", "POST"])
@permission_required("casework.manage_letters")
def letter_template_edit(request: HttpRequest, template_id: int | None = None) -> HttpResponse:
    council = request.membership.organisation
    template = selectors.letter_template_for(request.membership, template_id) if template_id else None
    form = LetterTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            letters.save_template(
                actor=Actor.from_request(request), council=council, template=template, **form.cleaned_data
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return done(request, f"Letter template saved: {form.cleaned_data['name']}", "casework:letter-templates")
    return render(request, "casework/letter_template_form.html", {"form": form, "template": template})


@require_POST
@permission_required("casework.manage_letters")
def letter_template_switch(request: HttpRequest, template_id: int) -> HttpResponse:
    template = selectors.letter_template_for(request.membership, template_id)
    active = request.POST.get("active") == "1"
    letters.set_template_active(actor=Actor.from_request(request), template=template, active=active)
    return done(
        request, f"Letter template switched {'on' if active else 'off'}: {template.name}", "casework:letter-templates"
    )


@require_http_methods(["GET", "POST"])
@permission_required("casework.manage_letters")
def casework_settings(request: HttpRequest) -> HttpResponse:
    council = request.membership.organisation
    form = CaseworkSettingsForm(request.POST or None, instance=selectors.settings_for(council))
    if request.method == "POST" and form.is_valid():
        config.save_settings(actor=Actor.from_request(request), form=form)
        return done(request, "Letter settings saved", "casework:letter-templates")
    return render(request, "casework/settings.html", {"form": form})
