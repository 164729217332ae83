"""Which uploaded files Assessflow accepts, judged by their content rather than their name."""

import re
from dataclasses import dataclass

import filetype

# What a caseworker files on a record: PDFs, photos and scans, word-processed and ODF
# documents, and emails saved from a mail program.
ALLOWED = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/tiff": "tif",
    "image/heic": "heic",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
    "message/rfc822": "eml",
}
HEAD_BYTES = 8192
_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]", re.MULTILINE)


class UploadRefused(ValueError):
    """Says, in words a caseworker understands, why a file was not stored."""


@dataclass(frozen=True)
class AcceptedType:
    content_type: str
    extension: str


def _looks_like_email(head: bytes) -> bool:
    """An .eml file has no magic number: it starts with mail headers, From among them."""
    headers = head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    names = {line.split(b":", 1)[0].lower() for line in headers.splitlines() if _HEADER.match(line)}
    return b"from" in names and bool(names & {b"subject", b"date", b"to", b"message-id"})


def check_upload(head: bytes, size: int, max_bytes: int) -> AcceptedType:
    """Accept the file or raise UploadRefused naming the reason; `head` is its first bytes."""
    if size == 0 or not head:
        raise UploadRefused("The selected file is empty")
    if size > max_bytes:
        raise UploadRefused(f"The selected file must be smaller than {max_bytes // (1024 * 1024)} MB")
    kind = filetype.guess(head)
    if kind is not None and kind.mime in ALLOWED:
        return AcceptedType(kind.mime, ALLOWED[kind.mime])
    if kind is None and _looks_like_email(head):
        return AcceptedType("message/rfc822", "eml")
    raise UploadRefused("The selected file must be a PDF, image, Word or OpenDocument file, or a saved email")
