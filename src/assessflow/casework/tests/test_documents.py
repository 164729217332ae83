"""Documents: only real files of allowed types are stored, and only their council's users get them back."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.audit.models import AccessEvent
from assessflow.casework.models import CaseworkSettings, Document

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXECUTABLE = b"\x7fELF\x02\x01\x01" + b"\x00" * 120
EMAIL = (
    b"From: gp@example.org\r\nTo: team@example.org\r\nSubject: Discharge\r\n"
    b"Date: Tue, 3 Nov 2026 10:00:00 +0000\r\n\r\nHello\r\n"
)


def upload(client, cast, name: str, content: bytes, title: str = "GP letter"):
    return client.post(
        reverse("casework:document-new", args=[cast.person_a.pk]),
        {
            "submission_id": str(uuid.uuid4()),
            "title": title,
            "category": "health",
            "file": SimpleUploadedFile(name, content),
        },
    )


def stored(title: str):
    with scopes_disabled():
        return list(Document.objects.filter(title=title))


def test_a_pdf_is_stored_under_a_generated_name(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    assert upload(client, cast, "my letter from Dr Smith.pdf", PDF, "Discharge letter").status_code == 302
    [document] = stored("Discharge letter")
    assert document.content_type == "application/pdf"
    assert "Smith" not in document.file.name
    assert document.file.name.startswith(f"{cast.council_a.pk}/{cast.person_a.pk}/")
    assert document.size == len(PDF)


def test_an_executable_renamed_pdf_is_refused_and_nothing_is_stored(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    response = upload(client, cast, "letter.pdf", EXECUTABLE, "Sneaky")
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "must be a PDF, image, Word or OpenDocument file, or a saved email" in page
    assert stored("Sneaky") == []


# A web page that runs a script, named as a letter; the later ones begin with a mail header or two, as if saved
# from a mail program, so only the whole email rule (a From line and another header) tells them apart.
HTML_PAGES = [
    b"<!DOCTYPE html><html><body><script>fetch('/people/').then(r => r.text())</script></body></html>\n",
    b"Subject: Discharge letter\r\n\r\n<html><body><script>alert(document.cookie)</script></body></html>\n",
    b"From: gp@example.org\r\n\r\n<html><body><script>alert(document.cookie)</script></body></html>\n",
    b"Date: Tue, 3 Nov 2026\r\nTo: team@example.org\r\n\r\n<html><script>alert(1)</script></html>\n",
]


@pytest.mark.parametrize("content", HTML_PAGES, ids=["page", "subject-only", "from-only", "date-and-to"])
def test_a_web_page_with_a_script_named_pdf_is_refused_and_nothing_is_stored(cast, sign_in, content):
    client = sign_in(cast.member("assessor_a"))
    response = upload(client, cast, "discharge-letter.pdf", content, "Scripted page")
    assert response.status_code == 400
    assert "must be a PDF, image, Word or OpenDocument file, or a saved email" in response.content.decode()
    assert stored("Scripted page") == []


def test_an_oversized_file_is_refused(cast, sign_in):
    with scopes_disabled():
        CaseworkSettings.objects.create(council=cast.council_a, max_upload_mb=1)
    client = sign_in(cast.member("assessor_a"))
    response = upload(client, cast, "scan.png", PNG + b"\x00" * (1024 * 1024), "Huge scan")
    assert response.status_code == 400
    page = response.content.decode()
    assert "must be smaller than 1 MB" in page
    assert stored("Huge scan") == []


def test_an_empty_file_is_refused(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    response = upload(client, cast, "empty.pdf", b"", "Nothing")
    assert response.status_code == 400
    page = response.content.decode()
    assert "The selected file is empty" in page
    assert stored("Nothing") == []


def test_images_and_saved_emails_are_accepted(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    upload(client, cast, "photo.png", PNG, "Photo of the stairs")
    upload(client, cast, "message.eml", EMAIL, "Email from the GP")
    assert stored("Photo of the stairs")[0].content_type == "image/png"
    assert stored("Email from the GP")[0].content_type == "message/rfc822"


def test_a_download_is_audited_and_served_as_an_attachment(cast, sign_in):
    document = cast.casework[cast.person_a.pk]["document"]
    client = sign_in(cast.member("front_door_a"))
    response = client.get(reverse("casework:document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    with scopes_disabled():
        assert AccessEvent.objects.filter(action="document.downloaded", object_id=str(document.pk)).count() == 1


def test_another_councils_document_is_not_found(cast, sign_in):
    document = cast.casework[cast.person_b.pk]["document"]
    client = sign_in(cast.member("team_manager_a"))
    assert client.get(reverse("casework:document", args=[document.pk])).status_code == 404


def test_a_provider_gets_documents_of_handed_over_cases_only(cast, sign_in):
    client = sign_in(cast.member("provider_assessor"))
    handed = cast.casework[cast.person_a_handed.pk]["document"]
    not_handed = cast.casework[cast.person_a.pk]["document"]
    response = client.get(reverse("casework:document", args=[handed.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert client.get(reverse("casework:document", args=[not_handed.pk])).status_code == 404


def test_a_retracted_document_is_kept_but_no_longer_served(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    upload(client, cast, "wrong.pdf", PDF, "Wrong person's letter")
    [document] = stored("Wrong person's letter")
    client.post(reverse("casework:document-retract", args=[document.pk]), {"reason": "Filed on the wrong record"})
    assert client.get(reverse("casework:document", args=[document.pk])).status_code == 404
    [kept] = stored("Wrong person's letter")
    assert kept.retraction_reason == "Filed on the wrong record"
