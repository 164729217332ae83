"""Letters: council templates with merge fields, filled for one person and filed on the record as a tagged PDF."""

import datetime
import re
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access, record_on_person
from assessflow.people.models import Person
from assessflow.people.services import add_to_timeline
from assessflow.tenancy.models import Organisation

from ..actions import AccessAction
from ..merge import merge, merged_fields, unknown_fields, verbs_before_contact
from ..models import CaseworkSettings, Document, LetterTemplate
from ..selectors import settings_for
from .common import url_of
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
        verbs = verbs_before_contact(text)
        if unknown:
            problems[field] = f"These are not merge fields: {', '.join(unknown)}"
        elif verbs:
            problems[field] = (
                f"{{{{ council_contact }}}} gives each way to reach the council its own verb (call, email, write to): "
                f"take out '{verbs[0]}' before it"
            )
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
            action=AccessAction.LETTER_TEMPLATE_SAVED,
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
        action=AccessAction.LETTER_TEMPLATE_SWITCHED_ON if active else AccessAction.LETTER_TEMPLATE_SWITCHED_OFF,
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
        action=AccessAction.LETTER_PREVIEWED,
        obj=person,
        council_id=person.council_id,
        person_id=person.pk,
        fields=fields_shown(template),
        detail={"template": template.pk},
    )


def how_to_contact(settings: CaseworkSettings) -> str:
    """Each way the council can be reached, with its own verb: one never offers to call an email address."""
    routes = [
        *([f"call {settings.letter_phone}"] if settings.letter_phone else []),
        *([f"email {settings.letter_email}"] if settings.letter_email else []),
        *(["write to us at the address at the top of this letter"] if settings.letter_address else []),
    ]
    if not routes:
        return "contact us"
    return routes[0] if len(routes) == 1 else f"{', '.join(routes[:-1])} or {routes[-1]}"


def merge_values(*, person: Person, actor: Actor) -> dict[str, str]:
    address = [person.address_line_1, person.address_line_2, person.town, person.postcode]
    council = person.council
    settings = settings_for(council)
    role = actor.membership.role_label if actor.membership else ""
    return {
        "person_name": person.full_name,
        "person_first_name": person.given_name,
        "person_address": "\n".join(part for part in address if part),
        "person_reference": person.person_reference,
        "nhs_number": person.nhs_number_display,
        "date_of_birth": f"{person.date_of_birth:%-d %B %Y}" if person.date_of_birth else "",
        "today": f"{timezone.localdate():%-d %B %Y}",
        "council_name": council.name,
        "council_contact": how_to_contact(settings),
        "council_phone": settings.letter_phone,
        "council_email": settings.letter_email,
        "worker_name": actor.name,
        "worker_role": role,
    }


# The words that open a letter's sign-off; from there to the end the letter is kept on one page.
_CLOSING = re.compile(
    r"(yours (sincerely|faithfully|truly)|(with )?(kind|best|warm) (regards|wishes)|regards|many thanks|with thanks)\b",
    re.IGNORECASE,
)


def split_signoff(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """The letter's body, and its closing with the signature after it: the last paragraph where no closing is found."""
    for index in range(len(paragraphs) - 1, -1, -1):
        if _CLOSING.match(paragraphs[index].strip()):
            return paragraphs[:index], paragraphs[index:]
    return paragraphs[:-1], paragraphs[-1:]


def letter_html(
    *, template: LetterTemplate, person: Person, actor: Actor, large_print: bool, preview: bool = False
) -> str:
    """The letter as a whole HTML document for the PDF, or as the fragment a page previews."""
    values = merge_values(person=person, actor=actor)
    body = merge(template.body, values)
    paragraphs, signoff = split_signoff([p for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()])
    return render_to_string(
        "casework/_letter_body.html" if preview else "casework/letter.html",
        {
            "council": person.council,
            "settings": settings_for(person.council),
            "address_lines": [line for line in values["person_address"].split("\n") if line],
            "person": person,
            "subject": merge(template.subject, values),
            "paragraphs": paragraphs,
            "signoff": signoff,
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


def mark_sent(*, actor: Actor, letter: Document, how: str, sent_at: datetime.datetime) -> Document:
    """Record that a filed letter went out, how and when: the only thing that writes "Letter sent" on the timeline."""
    if letter.category != Document.Category.LETTER:
        raise ValidationError("Only a letter can be marked as sent")
    if sent_at > timezone.now() or timezone.localdate(sent_at) < timezone.localdate(letter.uploaded_at):
        raise ValidationError("The date it was sent must be between the day it was filed and today")
    sent_at = max(sent_at, letter.uploaded_at)  # sent the day it was filed: never before it was filed
    with transaction.atomic():
        # Only the first marking counts: a second one (another tab, a double click) changes nothing.
        marked = Document.objects.filter(pk=letter.pk, sent_at__isnull=True, retracted_at__isnull=True).update(
            sent_at=sent_at, sent_how=how, sent_by=actor.user
        )
        if not marked:
            raise ValidationError("This letter is already marked as sent")
        letter.refresh_from_db(fields=["sent_at", "sent_how", "sent_by"])
        record_on_person(
            actor=actor, kind=AccessEvent.Kind.CHANGE, action=AccessAction.LETTER_SENT, obj=letter, detail={"how": how}
        )
        add_to_timeline(
            person=letter.person,
            kind="letter",
            title=f"Letter sent: {letter.title}",
            summary=f"{letter.get_sent_how_display()} on {timezone.localtime(sent_at):%-d %B %Y}",
            actor=actor,
            occurred_at=sent_at,
            obj=letter,
            url=url_of("casework:letter", letter),
        )
    return letter
