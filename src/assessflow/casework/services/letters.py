"""Letters: council templates with merge fields, filled for one person and filed on the record as a tagged PDF."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.people.models import Person
from assessflow.tenancy.models import Organisation

from ..merge import merge, merged_fields, unknown_fields
from ..models import Document, LetterTemplate
from ..selectors import settings_for
from .documents import store_generated


def save_template(
    *,
    actor: Actor,
    council: Organisation,
    name: str,
    kind: str,
    subject: str,
    body: str,
    template: LetterTemplate | None = None,
) -> LetterTemplate:
    """Create or change a template; a marker that is not a merge field is refused, naming it."""
    problems = {}
    for field, text in (("subject", subject), ("body", body)):
        unknown = unknown_fields(text)
        if unknown:
            problems[field] = f"These are not merge fields: {', '.join(unknown)}"
    if problems:
        raise ValidationError(problems)
    template = template or LetterTemplate(council=council)
    template.name, template.kind, template.subject, template.body = name, kind, subject, body
    template.updated_at = timezone.now()
    template.full_clean()
    with transaction.atomic():
        template.save()
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action="letter_template.saved",
            obj=template,
            council_id=council.pk,
        )
    return template


def set_template_active(*, actor: Actor, template: LetterTemplate, active: bool) -> None:
    """Templates are switched off, never deleted, so old letters keep their meaning."""
    LetterTemplate.objects.filter(pk=template.pk).update(is_active=active)
    record_access(
        actor=actor,
        kind=AccessEvent.Kind.CHANGE,
        action="letter_template.switched_on" if active else "letter_template.switched_off",
        obj=template,
        council_id=template.council_id,
    )


# What a letter shows of the person: the name and address it goes to, and what its merge fields add.
ADDRESSEE_FIELDS = ["given_name", "family_name", "address_line_1", "address_line_2", "town", "postcode"]
MERGED_PERSON_FIELDS = {"nhs_number": "nhs_number", "date_of_birth": "date_of_birth"}


def fields_shown(template: LetterTemplate) -> list[str]:
    used = merged_fields(template.subject) | merged_fields(template.body)
    return ADDRESSEE_FIELDS + [field for name, field in MERGED_PERSON_FIELDS.items() if name in used]


def record_preview(*, actor: Actor, person: Person, template: LetterTemplate) -> None:
    """A preview shows the person's name and address (and whatever else the template merges): logged as a view."""
    record_access(
        actor=actor,
        kind=AccessEvent.Kind.VIEW,
        action="letter.previewed",
        obj=person,
        council_id=person.council_id,
        person_id=person.pk,
        fields=fields_shown(template),
        detail={"template": template.pk},
    )


def merge_values(*, person: Person, actor: Actor) -> dict[str, str]:
    address = [person.address_line_1, person.address_line_2, person.town, person.postcode]
    council = person.council
    role = actor.membership.role_label if actor.membership else ""
    return {
        "person_name": person.full_name,
        "person_first_name": person.given_name,
        "person_address": "\n".join(part for part in address if part),
        "person_reference": person.person_reference,
        "nhs_number": person.nhs_number_display,
        "date_of_birth": f"{person.date_of_birth:%-d %B %Y}",
        "today": f"{timezone.localdate():%-d %B %Y}",
        "council_name": council.name,
        "council_contact": settings_for(council).letter_contact,
        "worker_name": actor.name,
        "worker_role": role,
    }


def letter_html(
    *, template: LetterTemplate, person: Person, actor: Actor, large_print: bool, preview: bool = False
) -> str:
    """The letter as a whole HTML document for the PDF, or as the fragment a page previews."""
    values = merge_values(person=person, actor=actor)
    body = merge(template.body, values)
    return render_to_string(
        "casework/_letter_body.html" if preview else "casework/letter.html",
        {
            "council": person.council,
            "settings": settings_for(person.council),
            "address_lines": [line for line in values["person_address"].split("\n") if line],
            "person": person,
            "subject": merge(template.subject, values),
            "paragraphs": [p for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()],
            "today": values["today"],
            "large_print": large_print,
        },
    )


def send_letter(
    *, actor: Actor, person: Person, template: LetterTemplate, submission_id: uuid.UUID, large_print: bool = False
) -> Document:
    """Render the letter to a tagged PDF (PDF/UA) and file it on the person's record, once per submission."""
    existing = Document.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing
    html = letter_html(template=template, person=person, actor=actor, large_print=large_print)
    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    title = f"{template.name}{' (large print)' if large_print else ''}"
    return store_generated(actor=actor, person=person, title=title, pdf=pdf, submission_id=submission_id)
