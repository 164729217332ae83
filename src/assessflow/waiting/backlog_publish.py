"""Writing checked backlog rows, a batch at a time, inside the caller's transaction.

A row is matched to a person on the council's reference, then the NHS number; a matched
person is updated, anyone else is inserted in bulk. Each row adds a waiting-list entry
(unless that person already waits for that work), and each entry its pathway event and
timeline line, copied by the database from the entries themselves.
"""

import datetime
import json
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from itertools import compress

from django.db.models import Case, CharField, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.fast_insert import ids_by, insert_columns, insert_select
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.people.identity import normalise_name
from assessflow.people.models import Handover, Person, TimelineEntry

from .models import BacklogImport, Priority, Timescale, WaitingListEntry, WorkType
from .tallies import bump
from .timescales import due_date

PERSON_FIELDS = (
    "given_name",
    "family_name",
    "date_of_birth",
    "address_line_1",
    "postcode",
    "phone",
    "gender",
    "primary_support_reason",
    "last_review_on",
    "review_due_on",
)
PACKAGE_FIELDS = ("package_services", "allocated_worker", "last_review_on", "package_start_on", "package_weekly_pence")
REMEMBERED = 50_000


def _mapped(function: Callable, values: Iterable[Hashable], memo: dict) -> list:
    """function(value) for each value, worked out once per distinct value (memo is kept between calls)."""
    values = list(values)
    if len(memo) > REMEMBERED:
        memo.clear()
    for value in set(values).difference(memo):
        memo[value] = function(value)
    return list(map(memo.__getitem__, values))


def _details(values: tuple) -> str:
    return json.dumps({k: v for k, v in zip(PACKAGE_FIELDS, values, strict=True) if v})


class Publisher:
    def __init__(self, job: BacklogImport, actor: Actor) -> None:
        self.job, self.actor = job, actor
        self.totals = {"people_created": 0, "people_updated": 0, "entries_created": 0}
        self.tallies: Counter = Counter()
        self.memos: dict[str, dict] = {"names": {}, "details": {}}
        self.now = timezone.now()
        today = timezone.localdate(self.now)
        # With no review date in the file, an entry is due by the council's own timescale for its work and priority.
        timescales = dict(
            ((t.work_type, t.priority), t.working_days) for t in Timescale.objects.filter(council_id=job.council_id)
        )
        self.default_due = {
            (w, p): due_date(added_on=today, priority=p, working_days=timescales.get((w, p))).isoformat()
            for w in WorkType
            for p in Priority
        }

    def _next_now(self) -> datetime.datetime:
        """A fresh moment for each batch: it is how the batch's entries are found again."""
        now = timezone.now()
        self.now = now if now > self.now else self.now + datetime.timedelta(microseconds=1)
        return self.now

    def publish(self, rows: dict[str, list]) -> None:
        now = self._next_now()
        council_id = self.job.council_id
        references, nhs_numbers = rows["external_reference"], rows["nhs_number"]
        matched = ids_by(Person, "external_reference", references, council_id=council_id)
        unmatched_nhs = [n for r, n in zip(references, nhs_numbers, strict=True) if n and r not in matched]
        by_nhs = ids_by(Person, "nhs_number", unmatched_nhs, council_id=council_id) if unmatched_nhs else {}
        existing = [matched.get(r) or by_nhs.get(n) for r, n in zip(references, nhs_numbers, strict=True)]
        is_new = [pk is None for pk in existing]
        new = rows if all(is_new) else {name: list(compress(values, is_new)) for name, values in rows.items()}
        names = self.memos["names"]
        created = insert_columns(
            Person,
            columns={
                **{field: new[field] for field in ("external_reference", "nhs_number", *PERSON_FIELDS)},
                "given_name_key": _mapped(normalise_name, new["given_name"], names),
                "family_name_key": _mapped(normalise_name, new["family_name"], names),
            },
            same={"council_id": council_id, "created_at": now, "updated_at": now},
        )
        new_ids = ids_by(Person, "external_reference", new["external_reference"], council_id=council_id)
        person_ids = [pk or new_ids[r] for pk, r in zip(existing, references, strict=True)]
        self.totals["people_created"] += created
        if created < len(references):
            self._update_people(rows, existing)
        self._entries(rows, person_ids, matched=[pk for pk in existing if pk], now=now)
        record_access(
            actor=self.actor,
            kind=AccessEvent.Kind.CHANGE,
            action="backlog.imported",
            obj=self.job,
            council_id=council_id,
            fields=list(PERSON_FIELDS),
            detail={"people": sorted(set(person_ids))},
        )

    def _update_people(self, rows: dict[str, list], existing: list[int | None]) -> None:
        """People already on record take the file's values, where it has them."""
        people = Person.objects.in_bulk({pk for pk in existing if pk})
        for index, pk in enumerate(existing):
            if pk is None:
                continue
            person = people[pk]
            for field in PERSON_FIELDS:
                if rows[field][index] not in (None, ""):
                    setattr(person, field, rows[field][index])
            person.external_reference = person.external_reference or rows["external_reference"][index]
            person.given_name_key = normalise_name(person.given_name)
            person.family_name_key = normalise_name(person.family_name)
            person.version += 1
        Person.objects.bulk_update(
            list(people.values()),
            [*PERSON_FIELDS, "external_reference", "given_name_key", "family_name_key", "version"],
        )
        self.totals["people_updated"] += len(people)

    def _entries(self, rows: dict[str, list], person_ids: list[int], *, matched: list[int], now) -> None:
        job = self.job
        keep = None
        if matched:  # only someone already on record can already wait for this work
            waiting = set(
                WaitingListEntry.objects.filter(
                    person_id__in=matched, status=WaitingListEntry.Status.WAITING
                ).values_list("person_id", "work_type")
            )
            keep = []
            for key in zip(person_ids, rows["work_type"], strict=True):
                keep.append(key not in waiting)
                waiting.add(key)
        chosen = (lambda values: values) if keep is None else (lambda values: list(compress(values, keep)))
        due_on = [
            due or self.default_due[(work_type, priority)]
            for due, work_type, priority in zip(rows["review_due_on"], rows["work_type"], rows["priority"], strict=True)
        ]
        rationale = f"Imported from {job.original_name}, row "
        columns = {
            "person_id": chosen(person_ids),
            "work_type": chosen(rows["work_type"]),
            "priority": chosen(rows["priority"]),
            "priority_rationale": chosen(list(map(rationale.__add__, map(str, rows["row"])))),
            "due_on": chosen(due_on),
            "imported_details": chosen(
                _mapped(_details, zip(*(rows[f] for f in PACKAGE_FIELDS), strict=True), self.memos["details"])
            ),
        }
        added = insert_columns(
            WaitingListEntry,
            columns=columns,
            same={"council_id": job.council_id, "added_at": now, "status": WaitingListEntry.Status.WAITING},
        )
        self.totals["entries_created"] += added
        self.tallies.update(zip(columns["work_type"], columns["priority"], columns["due_on"], strict=True))
        self._pathway_and_timeline(now)
        if job.contract_id:
            self._hand_over(person_ids, matched, now)

    def _pathway_and_timeline(self, now) -> None:
        job = self.job
        entries = WaitingListEntry.objects.filter(
            council_id=job.council_id, status=WaitingListEntry.Status.WAITING, added_at=now
        ).annotate(
            item=Cast("pk", output_field=CharField()),
            title=Case(
                *(
                    When(work_type=value, then=Value(f"Added to the {label.lower()} waiting list by a backlog import"))
                    for value, label in WorkType.choices
                ),
                output_field=CharField(),
            ),
        )
        insert_select(
            PathwayEvent,
            source=entries,
            columns={
                "council_id": "council_id",
                "person_id": "person_id",
                "work_item_id": "item",
                "to_status": "status",
                "reason_code": "priority",
                # When it happened: the date the file says the case joined the list (the import day if it says none).
                "occurred_at": "added_at",
            },
            same={
                "work_item_type": "waiting.waitinglistentry",
                "event_type": EventType.WAITING_LIST_ADDED,
                "recorded_at": now,
                "actor_id": self.actor.user.pk,
                "detail": {"import": job.pk},
            },
        )
        insert_select(
            TimelineEntry,
            source=entries,
            columns={
                "council_id": "council_id",
                "person_id": "person_id",
                "object_id": "item",
                "title": "title",
                "occurred_at": "added_at",
            },
            same={
                "kind": "pathway",
                "recorded_at": now,
                "actor_name": self.actor.name,
                "object_type": "waiting.waitinglistentry",
            },
        )

    def _hand_over(self, person_ids: list[int], matched: list[int], now) -> None:
        job = self.job
        handed = (
            set(
                Handover.objects.filter(
                    person_id__in=matched, contract_id=job.contract_id, ended_at__isnull=True
                ).values_list("person_id", flat=True)
            )
            if matched
            else set()
        )
        insert_columns(
            Handover,
            columns={"person_id": sorted(set(person_ids) - handed)},
            same={"council_id": job.council_id, "contract_id": job.contract_id, "handed_over_at": now},
        )

    def finish(self) -> dict:
        """Bring the waiting-list tallies up to date, once for the whole file; the totals to record."""
        for (work_type, priority, due_on), n in self.tallies.items():
            bump(
                council_id=self.job.council_id,
                work_type=work_type,
                priority=priority,
                team_id=None,
                due_on=due_on,
                delta=n,
            )
        return self.totals
