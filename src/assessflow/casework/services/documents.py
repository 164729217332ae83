"""Documents on a record: checked by content, stored under a generated name, never served from the web root."""

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.people.models import Person
from assessflow.people.services import add_to_timeline, hide_from_timeline

from ..actions import AccessAction
from ..models import Document
from ..selectors import settings_for
from ..uploads import HEAD_BYTES, UploadRefused, check_upload
from .common import url_of

__all__ = ["UploadRefused", "add_document", "record_download", "retract_document"]


def add_document(
    *,
    actor: Actor,
    person: Person,
    title: str,
    category: str,
    upload,
    submission_id: uuid.UUID,
) -> Document:
    """Store the file if its content is an allowed type and size; otherwise raise UploadRefused and store nothing."""
    existing = Document.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing
    max_bytes = settings_for(person.council).max_upload_mb * 1024 * 1024
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    accepted = check_upload(head, upload.size, max_bytes)
    upload.seek(0)
    content = upload.read()
    return _store(
        actor=actor,
        person=person,
        title=title,
        category=category,
        content=content,
        content_type=accepted.content_type,
        extension=accepted.extension,
        submission_id=submission_id,
    )


def _store(*, actor, person, title, category, content: bytes, content_type, extension, submission_id) -> Document:
    document = Document(
        council_id=person.council_id,
        person=person,
        title=title,
        category=category,
        content_type=content_type,
        extension=extension,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor.user,
        submission_id=submission_id,
    )
    # The stored name is ours, never the user's: council, person, then a random id.
    name = f"{person.council_id}/{person.pk}/{uuid.uuid4().hex}.{extension}"
    with transaction.atomic():
        document.file.save(name, ContentFile(content), save=False)
        document.full_clean()
        document.save()
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.DOCUMENT_ADDED,
            obj=document,
            detail={"type": content_type},
        )
        is_letter = category == Document.Category.LETTER
        # Filing a letter is not sending it: "Letter sent" is written only when someone marks it as sent.
        add_to_timeline(
            person=person,
            kind="letter" if is_letter else "document",
            title=f"Letter filed: {title}" if is_letter else f"Document: {title}",
            summary="Filed on the record, not yet sent" if is_letter else document.get_category_display(),
            actor=actor,
            obj=document,
            url=url_of("casework:letter" if is_letter else "casework:document", document),
        )
    return document


def store_generated(*, actor: Actor, person: Person, title: str, pdf: bytes, submission_id: uuid.UUID) -> Document:
    """A PDF the council produced (a letter) is filed on the record like any document."""
    return _store(
        actor=actor,
        person=person,
        title=title,
        category=Document.Category.LETTER,
        content=pdf,
        content_type="application/pdf",
        extension="pdf",
        submission_id=submission_id,
    )


def record_download(*, actor: Actor, document: Document) -> None:
    record_on_person(actor=actor, kind=AccessEvent.Kind.VIEW, action=AccessAction.DOCUMENT_DOWNLOADED, obj=document)


def retract_document(*, actor: Actor, document: Document, reason: str) -> None:
    with transaction.atomic():
        Document.objects.filter(pk=document.pk).update(
            retracted_at=timezone.now(), retracted_by=actor.user, retraction_reason=reason
        )
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.DOCUMENT_RETRACTED,
            obj=document,
            detail={"reason": reason},
        )
        hide_from_timeline(obj=document)
