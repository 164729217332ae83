"""What the URL walks share: every URL pattern read from Django's resolver, a route filled with ids, a response read.

The tenancy walk, the access-log walk and the safeguarding walk each ask their own question of every page;
reading the pages is done once, here, so a new kind of page reaches all three the same way.
"""

import io
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver
from openpyxl import load_workbook


def walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, list[str]]]:
    """Each pattern's name, route and the names of the arguments it takes, sorted."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern), sorted(entry.pattern.converters)


def walked(everyone: list[str], on_postgresql: list[str]) -> list[str]:
    """The actors a walk takes: every one on SQLite, one of each kind on PostgreSQL (docs/decisions/0012)."""
    from django.conf import settings

    return on_postgresql if settings.DATABASES["default"]["ENGINE"].endswith("postgresql") else everyone


def fill(route: str, arguments: dict) -> str:
    path = "/" + route
    for name, value in arguments.items():
        path = path.replace(f"<int:{name}>", str(value)).replace(f"<{name}>", str(value))
    return path


def body(response) -> str:
    """What a person would read in the response: the page, or a spreadsheet's cells (its file is compressed)."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        sheets = load_workbook(io.BytesIO(raw), read_only=True).worksheets
        return "\n".join(str(v) for sheet in sheets for row in sheet.iter_rows(values_only=True) for v in row)
    return raw.decode(errors="replace")


def reads_its_query(response) -> bool:
    """Whether the page read its query string. Django reads request.GET once, when first asked, and keeps it on the
    request; a page that never asked answers any other query the same, save for echoing it back in a link."""
    return "GET" in vars(response.wsgi_request)
