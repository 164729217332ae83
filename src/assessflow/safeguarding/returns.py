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

from .categories import Achieved, ActionTaken, Capacity, RiskLocation, RiskResult, RiskSource, RiskType
from .models import DolsApplication, Enquiry
from .reporting_periods import AGE_BANDS, age_band, reporting_year
from .services.dols import deadlines

NOT_RECORDED = "Not recorded"


@dataclass
class Table:
    title: str
    rows: list[tuple[str, object]] = field(default_factory=list)


def _bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    first, last = reporting_year(year)
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
    bands = Counter(age_band(p.date_of_birth, on) for p in people)
    # Every band of the collection, and the odd ones only where someone falls in them.
    band_labels = [label for _, _, label in AGE_BANDS] + [b for b in ("Under 18", "Not known") if bands.get(b)]
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


def _msp(done: list[Enquiry]) -> Table:
    """Making Safeguarding Personal as the collection asks it: asked, and whether outcomes were expressed; then
    whether those expressed were achieved. "Don't know" is an answer given; "not recorded" is none given."""
    expressed = [e for e in done if e.outcomes_asked and e.outcomes_expressed]
    return Table(
        "Making Safeguarding Personal (concluded s.42 enquiries)",
        [
            ("Asked, and outcomes expressed", len(expressed)),
            ("Asked, but no outcomes expressed", sum(1 for e in done if e.outcomes_asked and not e.outcomes_expressed)),
            ("Not asked", sum(1 for e in done if e.outcomes_asked is False)),
            ("Don't know", sum(1 for e in done if e.outcomes_asked is None and e.outcomes_asked_not_known)),
            (NOT_RECORDED, sum(1 for e in done if e.outcomes_asked is None and not e.outcomes_asked_not_known)),
            *[(label, sum(1 for e in expressed if e.outcomes_achieved == v)) for v, label in Achieved.choices],
        ],
    )


def _capacity(done: list[Enquiry]) -> Table:
    """Whether the adult lacked capacity, and whether those who did were supported by an advocate, or by family or
    a friend (the appropriate person of s.68)."""
    lacking = [e for e in done if e.capacity == Capacity.LACKS]
    by_advocate = [e for e in lacking if e.advocate.strip()]
    by_family = [e for e in lacking if not e.advocate.strip() and e.appropriate_person]
    unsupported = [e for e in lacking if not e.advocate.strip() and e.appropriate_person is False]
    return Table(
        "Capacity and advocacy (concluded s.42 enquiries)",
        [
            ("Lacked capacity", len(lacking)),
            ("Did not lack capacity", sum(1 for e in done if e.capacity == Capacity.HAS)),
            ("Don't know", sum(1 for e in done if e.capacity == Capacity.NOT_ASSESSED)),
            (NOT_RECORDED, sum(1 for e in done if not e.capacity)),
            ("Lacked capacity: supported by an advocate, family or friend", len(by_advocate) + len(by_family)),
            ("Lacked capacity: supported by an advocate", len(by_advocate)),
            ("Lacked capacity: supported by family or a friend", len(by_family)),
            ("Lacked capacity: not supported", len(unsupported)),
            (
                "Lacked capacity: support not recorded",
                len(lacking) - len(by_advocate) - len(by_family) - len(unsupported),
            ),
        ],
    )


def safeguarding_return(council, year: int) -> list[Table]:
    concerns = _events(council, year, EventType.CONCERN_RAISED)
    started = _events(council, year, EventType.ENQUIRY_STARTED)
    concluded = _events(council, year, EventType.ENQUIRY_CONCLUDED)
    year_end = reporting_year(year)[1]
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
        _msp(done),
        _capacity(done),
    ]
    return tables


def _local_day(at: datetime.datetime) -> datetime.date:
    return timezone.localdate(at)


# How the national DoLS statistics (NHS England's annual "Mental Capacity Act 2005, Deprivation of Liberty
# Safeguards") count a request that ends before a decision: it is a completed application, not granted, for a
# change in circumstances (the person left the care home or hospital, so the managing authority withdrew it) or
# because the person died. An authorisation that ends early was already completed when it was granted.
NOT_GRANTED_BECAUSE = {
    DolsApplication.CloseReason.WITHDRAWN: "change in circumstances",
    DolsApplication.CloseReason.LEFT: "change in circumstances",
    DolsApplication.CloseReason.DIED: "the person died",
}


def _completed(decided, ended) -> dict[int, datetime.datetime]:
    """Every application completed in the year, with when: decided by the signatory, or ended before a decision."""
    return {int(i): at for events in (decided, ended) for i, at in events.values_list("work_item_id", "occurred_at")}


def _timing(council, completed: dict[int, datetime.datetime]) -> Table:
    requested_at = dict(
        (int(i), at)
        for i, at in PathwayEvent.objects.filter(
            council=council,
            event_type=EventType.DOLS_REQUESTED,
            work_item_type="safeguarding.dolsapplication",
            work_item_id__in=[str(i) for i in completed],
        ).values_list("work_item_id", "occurred_at")
    )
    # The day of receipt is day 1, as the statute counts it.
    days = [(_local_day(completed[i]) - _local_day(requested_at[i])).days + 1 for i in completed if i in requested_at]
    late = sum(
        1
        for a in DolsApplication.objects.filter(pk__in=completed)
        if deadlines(a).breached(decided_on=_local_day(completed[a.pk]), today=_local_day(completed[a.pk]))
    )
    return Table(
        "Time to complete (days, the day of receipt counted as day 1)",
        [
            ("Median", statistics.median(days) if days else "None completed"),
            ("Mean", round(statistics.mean(days), 1) if days else "None completed"),
            ("Completed by the statutory deadline", len(completed) - late),
            ("Completed after the statutory deadline", late),
        ],
    )


def dols_return(council, year: int) -> list[Table]:
    requested = _events(council, year, EventType.DOLS_REQUESTED)
    decided = _events(council, year, EventType.DOLS_DECIDED)
    ended = _events(council, year, EventType.DOLS_CLOSED).filter(
        from_status__in=[DolsApplication.Status.RECEIVED, DolsApplication.Status.WAITING]
    )
    _, end = _bounds(year)
    before_end = PathwayEvent.objects.filter(council=council, occurred_at__lt=end)
    received_ids = set(_ids(before_end.filter(event_type=EventType.DOLS_REQUESTED), DolsApplication))
    finished_ids = set(
        _ids(before_end.filter(event_type__in=[EventType.DOLS_DECIDED, EventType.DOLS_CLOSED]), DolsApplication)
    )
    completed = _completed(decided, ended)
    refused = decided.filter(to_status=DolsApplication.Status.NOT_GRANTED).count()
    because = Counter(
        NOT_GRANTED_BECAUSE.get(code, "change in circumstances") for code in ended.values_list("reason_code", flat=True)
    )
    return [
        Table(
            "DoLS applications",
            [
                ("Applications received", requested.count()),
                ("Applications completed", len(completed)),
                ("Granted", decided.filter(to_status=DolsApplication.Status.GRANTED).count()),
                ("Not granted", refused + sum(because.values())),
                ("Not granted: assessed and not authorised", refused),
                ("Not granted: change in circumstances", because["change in circumstances"]),
                ("Not granted: the person died", because["the person died"]),
                ("Outstanding at the end of the year", len(received_ids - finished_ids)),
            ],
        ),
        _timing(council, completed),
    ]


CSV_HEADERS = ["Table", "Measure", "Value"]


def csv_rows(tables: list[Table]) -> list[list]:
    return [[t.title, label, value] for t in tables for label, value in t.rows]
