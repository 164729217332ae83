"""The year's Safeguarding Adults Collection and DoLS figures, computed from pathway events and the records.

Nothing here is a kept counter: every figure is a count of events in the collection
year (1 April to 31 March), joined to the records they describe.
"""

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.people.models import Person

from . import rules
from .categories import Achieved, ActionTaken, RiskLocation, RiskResult, RiskSource, RiskType
from .models import DolsApplication, Enquiry
from .services.dols import deadlines

NOT_RECORDED = "Not recorded"


@dataclass
class Table:
    title: str
    rows: list[tuple[str, object]] = field(default_factory=list)


def _bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    first, last = rules.reporting_year(year)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min))
    return start, end


def _events(council, year: int, event_type: EventType):
    start, end = _bounds(year)
    return PathwayEvent.objects.filter(
        council=council, event_type=event_type, occurred_at__gte=start, occurred_at__lt=end
    )


def _ids(events, model) -> list[int]:
    label = f"{model._meta.app_label}.{model._meta.model_name}"
    return [int(i) for i in events.filter(work_item_type=label).values_list("work_item_id", flat=True)]


def _count(values, choices) -> list[tuple[str, int]]:
    counts = Counter(values)
    return [(label, counts.get(value, 0)) for value, label in choices]


def _individuals(title: str, events, on: datetime.date) -> list[Table]:
    person_ids = set(events.values_list("person_id", flat=True))
    people = list(
        Person.objects.filter(pk__in=person_ids).only("date_of_birth", "gender", "ethnicity", "primary_support_reason")
    )
    bands = Counter(rules.age_band(p.date_of_birth, on) for p in people)
    # Every band of the collection, and the odd ones only where someone falls in them.
    band_labels = [label for _, _, label in rules.AGE_BANDS] + [b for b in ("Under 18", "Not known") if bands.get(b)]
    return [
        Table(f"{title}: total", [("Individuals", len(people))]),
        Table(f"{title}: by age band", [(b, bands.get(b, 0)) for b in band_labels]),
        Table(f"{title}: by gender", sorted(Counter(p.gender or NOT_RECORDED for p in people).items())),
        Table(f"{title}: by ethnicity", sorted(Counter(p.ethnicity or NOT_RECORDED for p in people).items())),
        Table(
            f"{title}: by primary support reason",
            sorted(Counter(p.primary_support_reason or NOT_RECORDED for p in people).items()),
        ),
    ]


def safeguarding_return(council, year: int) -> list[Table]:
    concerns = _events(council, year, EventType.CONCERN_RAISED)
    started = _events(council, year, EventType.ENQUIRY_STARTED)
    concluded = _events(council, year, EventType.ENQUIRY_CONCLUDED)
    year_end = rules.reporting_year(year)[1]
    tables = [
        Table(
            "Concerns and enquiries",
            [
                ("Safeguarding concerns raised", concerns.count()),
                ("Section 42 enquiries started", started.filter(reason_code=Enquiry.Kind.S42).count()),
                ("Other safeguarding enquiries started", started.filter(reason_code=Enquiry.Kind.OTHER).count()),
                ("Section 42 enquiries concluded", concluded.filter(reason_code=Enquiry.Kind.S42).count()),
                ("Other safeguarding enquiries concluded", concluded.filter(reason_code=Enquiry.Kind.OTHER).count()),
            ],
        ),
        *_individuals("Individuals with concerns", concerns, year_end),
        *_individuals("Individuals with enquiries started", started, year_end),
    ]
    done = list(Enquiry.objects.filter(pk__in=_ids(concluded.filter(reason_code=Enquiry.Kind.S42), Enquiry)))
    risk_action = [e for e in done if e.action_taken == ActionTaken.RISK_ACTION]
    expressed = [e for e in done if e.outcomes_expressed]
    tables += [
        Table(
            "Concluded s.42 enquiries by type of risk",
            _count([t for e in done for t in e.risk_types], RiskType.choices),
        ),
        Table(
            "Concluded s.42 enquiries by location of risk",
            _count([e.risk_location for e in done], RiskLocation.choices),
        ),
        Table("Concluded s.42 enquiries by source of risk", _count([e.risk_source for e in done], RiskSource.choices)),
        Table("Concluded s.42 enquiries by action taken", _count([e.action_taken for e in done], ActionTaken.choices)),
        Table(
            "Risk identified and action taken: result",
            _count([e.risk_result for e in risk_action], RiskResult.choices),
        ),
        Table(
            "Making Safeguarding Personal (concluded s.42 enquiries)",
            [
                ("Asked what outcomes they want", sum(1 for e in done if e.outcomes_asked)),
                ("Not asked", sum(1 for e in done if e.outcomes_asked is False)),
                ("Expressed outcomes", len(expressed)),
                *[(label, sum(1 for e in expressed if e.outcomes_achieved == v)) for v, label in Achieved.choices],
            ],
        ),
    ]
    return tables


def _local_day(at: datetime.datetime) -> datetime.date:
    return timezone.localdate(at)


def dols_return(council, year: int) -> list[Table]:
    requested = _events(council, year, EventType.DOLS_REQUESTED)
    decided = _events(council, year, EventType.DOLS_DECIDED)
    closed = _events(council, year, EventType.DOLS_CLOSED)
    _, end = _bounds(year)
    before_end = PathwayEvent.objects.filter(council=council, occurred_at__lt=end)
    received_ids = set(_ids(before_end.filter(event_type=EventType.DOLS_REQUESTED), DolsApplication))
    finished_ids = set(
        _ids(before_end.filter(event_type__in=[EventType.DOLS_DECIDED, EventType.DOLS_CLOSED]), DolsApplication)
    )
    decided_at = dict((int(i), at) for i, at in decided.values_list("work_item_id", "occurred_at"))
    requested_at = dict(
        (int(i), at)
        for i, at in PathwayEvent.objects.filter(
            council=council,
            event_type=EventType.DOLS_REQUESTED,
            work_item_type="safeguarding.dolsapplication",
            work_item_id__in=[str(i) for i in decided_at],
        ).values_list("work_item_id", "occurred_at")
    )
    # The day of receipt is day 1, as the statute counts it.
    days = [(_local_day(decided_at[i]) - _local_day(requested_at[i])).days + 1 for i in decided_at if i in requested_at]
    late = sum(
        1
        for a in DolsApplication.objects.filter(pk__in=decided_at)
        if deadlines(a).breached(decided_on=_local_day(decided_at[a.pk]), today=_local_day(decided_at[a.pk]))
    )
    # Requests closed before a decision; an authorisation ended early is not a request withdrawn.
    requests_closed = closed.filter(from_status__in=[DolsApplication.Status.RECEIVED, DolsApplication.Status.WAITING])
    closed_counts = Counter(requests_closed.values_list("reason_code", flat=True))
    return [
        Table(
            "DoLS applications",
            [
                ("Applications received", requested.count()),
                ("Applications completed", decided.count()),
                ("Granted", decided.filter(to_status=DolsApplication.Status.GRANTED).count()),
                ("Not granted", decided.filter(to_status=DolsApplication.Status.NOT_GRANTED).count()),
                *[
                    (f"Closed: {label.lower()}", closed_counts.get(v, 0))
                    for v, label in DolsApplication.CloseReason.choices
                ],
                ("Outstanding at the end of the year", len(received_ids - finished_ids)),
            ],
        ),
        Table(
            "Time to complete (days, the day of receipt counted as day 1)",
            [
                ("Median", statistics.median(days) if days else "None completed"),
                ("Mean", round(statistics.mean(days), 1) if days else "None completed"),
                ("Decided by the statutory deadline", len(decided_at) - late),
                ("Decided after the statutory deadline", late),
            ],
        ),
    ]


CSV_HEADERS = ["Table", "Measure", "Value"]


def csv_rows(tables: list[Table]) -> list[list]:
    return [[t.title, label, value] for t in tables for label, value in t.rows]
