"""Which files a caseworker may store, judged by what is in them, not by their name."""

import pytest

from assessflow.casework import uploads

MB = 1024 * 1024
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
EMAIL = b"From: Dr Patel <gp@surgery.example>\r\nTo: adultcare@council.example\r\nSubject: Mrs Ashworth\r\n\r\nBody"


def test_a_pdf_and_a_photo_are_stored_as_what_they_are():
    assert (
        uploads.check_upload(PDF, len(PDF), 5 * MB).content_type,
        uploads.check_upload(PDF, len(PDF), 5 * MB).extension,
    ) == (
        "application/pdf",
        "pdf",
    )
    assert uploads.check_upload(PNG, len(PNG), 5 * MB).extension == "png"


def test_a_saved_email_is_stored_as_an_email():
    accepted = uploads.check_upload(EMAIL, len(EMAIL), 5 * MB)
    assert (accepted.content_type, accepted.extension) == ("message/rfc822", "eml")
    unix = EMAIL.replace(b"\r\n", b"\n")
    assert uploads.check_upload(unix, len(unix), 5 * MB).extension == "eml"


@pytest.mark.parametrize(
    "head",
    [
        # A web page with a script, whatever it is named: it has no mail headers.
        b"<html><body><script>alert(document.cookie)</script></body></html>",
        # A web page that starts with something header-like but has no From.
        b"Subject: invoice\r\nDate: today\r\n\r\n<script>alert(1)</script>",
        # From alone is not enough to be a saved email.
        b"From: someone@example.org\r\n\r\n<script>alert(1)</script>",
        # Headers count only before the first blank line.
        b"Subject: hello\r\n\r\nFrom: someone@example.org\r\nTo: x\r\n",
        b"Subject: hello\n\nFrom: someone@example.org\nTo: x\n",
        # A header needs a space after its colon.
        b"From:someone@example.org\r\nSubject:hello\r\n\r\n",
        b"plain text notes",
    ],
)
def test_anything_else_is_refused_in_words(head):
    with pytest.raises(
        uploads.UploadRefused, match="must be a PDF, image, Word or OpenDocument file, or a saved email"
    ):
        uploads.check_upload(head, len(head), 5 * MB)


def test_an_empty_file_is_refused_as_empty():
    for head, size in ((b"", 0), (b"", 10), (PDF, 0)):
        with pytest.raises(uploads.UploadRefused, match="The selected file is empty"):
            uploads.check_upload(head, size, 5 * MB)


def test_the_size_limit_lets_a_file_of_exactly_that_size_through():
    assert uploads.check_upload(PDF, 5 * MB, 5 * MB).extension == "pdf"
    with pytest.raises(uploads.UploadRefused, match="The selected file must be smaller than 5 MB"):
        uploads.check_upload(PDF, 5 * MB + 1, 5 * MB)


@pytest.mark.parametrize(
    "head",
    [b"\x7fELF\x02\x01\x01" + b"\x00" * 60, b"MZ" + b"\x90\x00" * 40, b"PK\x03\x04" + b"\x00" * 60],
    ids=["linux program", "windows program", "zip archive"],
)
def test_a_file_of_a_known_kind_not_on_the_list_is_refused_in_words_not_an_error(head):
    with pytest.raises(uploads.UploadRefused, match="must be a PDF, image, Word or OpenDocument file"):
        uploads.check_upload(head, len(head), 5 * MB)
