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

from django.db.models import Case, CharField, Max, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.core.fast_insert import ids_by, insert_columns, insert_select
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.people.identity import normalise_name
from assessflow.people.models import Handover, Person, TimelineEntry

from .actions import AccessAction
from .models import BacklogImport, Timescale, WaitingListEntry, WorkType
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
PACKAGE_FIELDS = (
    "package_services",
    "allocated_worker",
    "last_review_on",
    "package_start_on",
    "package_weekly_pence",
    "referred_on",
    "added_on",
)
# A person's history row copies these columns from the person (the history leaves out the name keys).
HISTORY_FIELDS = tuple(
    f.attname for f in Person.history.model._meta.concrete_fields if not f.attname.startswith("history_")
)
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


def _or(first, second):
    return first or second


def _start_of(day: str | None) -> datetime.datetime | None:
    """The start of a day the file gives (ISO), in the council's time zone."""
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time()))


def _same(current, value) -> bool:
    """Whether a person's field already holds the file's (clean, text or ISO date) value."""
    if isinstance(current, datetime.date):
        return current.isoformat() == value
    return current == value


class Publisher:
    def __init__(self, job: BacklogImport, actor: Actor) -> None:
        self.job, self.actor = job, actor
        self.totals = {"people_created": 0, "people_updated": 0, "entries_created": 0}
        self.tallies: Counter = Counter()
        self.memos: dict[str, dict] = {"names": {}, "details": {}, "joined": {}, "due": {}}
        self.now = timezone.now()
        self.today = timezone.localdate(self.now).isoformat()
        self.last_entry = 0  # the entries this import has added so far end at this id
        # With no review date in the file, an entry is due by the council's own timescale for its work and
        # priority, counted from the day it joined the list.
        self.timescales = dict(
            ((t.work_type, t.priority), t.working_days) for t in Timescale.objects.filter(council_id=job.council_id)
        )

    def _default_due(self, key: tuple[str, str, str]) -> str:
        """The due date of an entry that joined the list on a day (ISO) for a work type and priority."""
        memo = self.memos["due"]
        if key not in memo:
            joined, work_type, priority = key
            working_days = self.timescales.get((work_type, priority))
            day = datetime.date.fromisoformat(joined)
            memo[key] = due_date(added_on=day, priority=priority, working_days=working_days).isoformat()
        return memo[key]

    def _next_now(self) -> datetime.datetime:
        """A fresh moment for each batch: it is how the batch's new and changed people are found again."""
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
        if created:
            added = new_ids.values()
            self._history(
                Person.objects.filter(council_id=council_id, pk__gte=min(added), pk__lte=max(added), created_at=now),
                "+",
                now,
            )
        if created < len(references):
            self._update_people(rows, existing, now)
        self._entries(rows, person_ids, matched=[pk for pk in existing if pk], now=now)
        record_access(
            actor=self.actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.BACKLOG_IMPORTED,
            obj=self.job,
            council_id=council_id,
            fields=list(PERSON_FIELDS),
            detail={"people": sorted(set(person_ids))},
        )

    def _update_people(self, rows: dict[str, list], existing: list[int | None], now) -> None:
        """People already on record take the file's values, where it has them. Someone the file says nothing
        new about is left as they are: same version (no one editing them meets a conflict), no history row."""
        people = Person.objects.in_bulk({pk for pk in existing if pk})
        changed: dict[int, Person] = {}
        for index, pk in enumerate(existing):
            if pk is None:
                continue
            person = people[pk]
            if not person.external_reference:
                person.external_reference = rows["external_reference"][index]
                changed[pk] = person
            for field in PERSON_FIELDS:
                value = rows[field][index]
                if value not in (None, "") and not _same(getattr(person, field), value):
                    setattr(person, field, value)
                    changed[pk] = person
        for person in changed.values():
            person.given_name_key = normalise_name(person.given_name)
            person.family_name_key = normalise_name(person.family_name)
            person.version += 1
            person.updated_at = now
        Person.objects.bulk_update(
            list(changed.values()),
            [*PERSON_FIELDS, "external_reference", "given_name_key", "family_name_key", "version", "updated_at"],
        )
        if changed:
            self._history(Person.objects.filter(pk__in=list(changed), updated_at=now), "~", now)
        self.totals["people_updated"] += len(changed)

    def _history(self, people, kind: str, now) -> None:
        """A history row for each person the import added ("+") or changed ("~"), as any other change makes."""
        insert_select(
            Person.history.model,
            source=people,
            columns={name: name for name in HISTORY_FIELDS},
            same={
                "history_date": now,
                "history_type": kind,
                "history_user_id": self.actor.user.pk,
                "history_change_reason": f"Backlog import of {self.job.original_name}"[:100],
            },
        )

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
        # A case waits from the day the file says it joined the list, else from its referral, else from today.
        blank = [None] * len(person_ids)  # rows kept by a check from before the file could give these dates
        joined = list(map(_or, rows.get("added_on", blank), rows.get("referred_on", blank)))
        added_at = [start or now for start in _mapped(_start_of, joined, self.memos["joined"])]
        due_on = [
            due or self._default_due((day or self.today, work_type, priority))
            for due, day, work_type, priority in zip(
                rows["review_due_on"], joined, rows["work_type"], rows["priority"], strict=True
            )
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
        columns["added_at"] = chosen(added_at)
        added = insert_columns(
            WaitingListEntry,
            columns=columns,
            same={"council_id": job.council_id, "backlog_import_id": job.pk, "status": WaitingListEntry.Status.WAITING},
        )
        self.totals["entries_created"] += added
        self.tallies.update(zip(columns["work_type"], columns["priority"], columns["due_on"], strict=True))
        if added:
            self._pathway_and_timeline(now)
        if job.contract_id:
            self._hand_over(person_ids, matched, now)

    def _pathway_and_timeline(self, now) -> None:
        """The batch's entries are the import's newest: those after the last batch's, found by the import's index."""
        job = self.job
        first, self.last_entry = (
            self.last_entry,
            WaitingListEntry.objects.filter(backlog_import_id=job.pk).aggregate(last=Max("pk"))["last"],
        )
        entries = WaitingListEntry.objects.filter(backlog_import_id=job.pk, pk__gt=first).annotate(
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
