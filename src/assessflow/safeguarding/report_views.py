"""The year's Safeguarding Adults Collection and DoLS figures, on screen and as CSV."""

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.exports import csv_lines
from assessflow.tenancy.permissions import permission_required

from . import rules
from .returns import CSV_HEADERS, csv_rows, dols_return, safeguarding_return


def _year(request: HttpRequest) -> tuple[int, list[int]]:
    today = timezone.localdate()
    current = today.year if today.month >= 4 else today.year - 1
    years = list(range(current, current - 6, -1))
    try:
        chosen = int(request.GET.get("year", current))
    except ValueError:
        chosen = current
    return (chosen if chosen in years else current), years


def _tables(request: HttpRequest, year: int):
    council = request.membership.organisation
    return safeguarding_return(council, year), dols_return(council, year)


@require_GET
@permission_required("safeguarding.returns")
def returns(request: HttpRequest) -> HttpResponse:
    year, years = _year(request)
    safeguarding, dols = _tables(request, year)
    first, last = rules.reporting_year(year)
    return render(
        request,
        "safeguarding/returns.html",
        {"year": year, "years": years, "first": first, "last": last, "safeguarding": safeguarding, "dols": dols},
    )


@require_GET
@permission_required("safeguarding.returns")
def returns_csv(request: HttpRequest) -> HttpResponse:
    year, _ = _year(request)
    safeguarding, dols = _tables(request, year)
    record_access(
        actor=Actor.from_request(request),
        kind=AccessEvent.Kind.EXPORT,
        action="safeguarding.returns_exported",
        council_id=request.membership.organisation_id,
        detail={"year": year},
    )
    response = StreamingHttpResponse(csv_lines(CSV_HEADERS, csv_rows([*safeguarding, *dols])), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="safeguarding-returns-{year}-{(year + 1) % 100:02d}.csv"'
    return response
