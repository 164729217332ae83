"""The year's Safeguarding Adults Collection and DoLS figures, on screen and as CSV."""

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.core.exports import csv_lines
from assessflow.tenancy.permissions import permission_required

from . import reporting_periods
from .actions import AccessAction
from .returns import CSV_HEADERS, csv_rows, dols_return, safeguarding_return


def _year(request: HttpRequest) -> tuple[int | None, list[int]]:
    """The collection year asked for (the current one if none was), or None if it is not one of the years offered."""
    today = timezone.localdate()
    current = today.year if today.month >= 4 else today.year - 1
    years = list(range(current, current - 6, -1))
    asked = request.GET.get("year", "")
    if not asked:
        return current, years
    try:
        chosen = int(asked)
    except ValueError:
        return None, years
    return (chosen if chosen in years else None), years


def _tables(request: HttpRequest, year: int):
    council = request.membership.organisation
    return safeguarding_return(council, year), dols_return(council, year)


@require_GET
@permission_required("safeguarding.returns")
def returns(request: HttpRequest) -> HttpResponse:
    year, years = _year(request)
    year = year or years[0]  # the page says which year it shows, so an odd link just shows the current one
    safeguarding, dols = _tables(request, year)
    first, last = reporting_periods.reporting_year(year)
    return render(
        request,
        "safeguarding/returns.html",
        {"year": year, "years": years, "first": first, "last": last, "safeguarding": safeguarding, "dols": dols},
    )


@require_GET
@permission_required("safeguarding.returns")
def returns_csv(request: HttpRequest) -> HttpResponse:
    year, years = _year(request)
    if year is None:
        # A file does not say which year it holds as plainly as the page does: refuse rather than guess.
        context = {
            "problems": [f"The collection year must start in one of the years {years[-1]} to {years[0]}"],
            "back_url": reverse("safeguarding:returns"),
            "back_label": "Choose the year again",
        }
        return render(request, "export_refused.html", context, status=400)
    safeguarding, dols = _tables(request, year)
    record_access(
        actor=Actor.from_request(request),
        kind=AccessEvent.Kind.EXPORT,
        action=AccessAction.RETURNS_EXPORTED,
        council_id=request.membership.organisation_id,
        detail={"year": year},
    )
    response = StreamingHttpResponse(csv_lines(CSV_HEADERS, csv_rows([*safeguarding, *dols])), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="safeguarding-returns-{year}-{(year + 1) % 100:02d}.csv"'
    return response
