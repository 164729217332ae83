"""Reads of person records, always through what the acting membership may see."""

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from assessflow.audit import page_views
from assessflow.audit.selectors import access_log_for_person
from assessflow.tenancy.models import Membership, Team, User
from assessflow.tenancy.roles import STAFF_ROLES, OrganisationKind, Role

from .identity import normalise_name, normalise_nhs_number
from .models import Handover, Person, Relationship, TimelineEntry
from .restricted_work import hide_restricted_work_for
from .restrictions import check_may_open, require_write_access

MAX_MATCHES = 50


def people_visible_to(membership: Membership) -> QuerySet[Person]:
    """Every person record this membership may see, and no other.

    Council staff see their council's people; provider staff only the people
    handed to one of their organisation's contracts; a citizen only themselves;
    referrers no person records (they see their own referrals instead).
    """
    org = membership.organisation
    people = Person.objects.all()
    if membership.role == Role.CITIZEN:
        return people.filter(council=membership.council, citizen_account__user=membership.user)
    if membership.role == Role.REFERRER:
        return people.none()
    if org.kind == OrganisationKind.COUNCIL:
        return people.filter(council=org)
    if org.kind == OrganisationKind.PROVIDER:
        open_handover = Handover.objects.filter(person=OuterRef("pk"), contract__provider=org, ended_at__isnull=True)
        return people.filter(council_id__in=membership.council_ids()).filter(Exists(open_handover))
    return people.none()


def _open(membership: Membership, person: Person, session, to_change: bool) -> None:
    """The one gate to a person's record: restricted records stay closed, breaking the glass opens them for
    reading only, and the page that opens one is logged (`audit.page_views`)."""
    if to_change:
        require_write_access(membership, person, session)
    else:
        check_may_open(membership, person, session)
    page_views.opened(person)


def person_for(membership: Membership, person_id: int, *, session=None, to_change: bool = False) -> Person:
    """The person with this id if this membership may see them; 404 otherwise, whatever the reason.

    A restricted record the membership is not named on raises RestrictedRecord (shown as
    a page that offers to break the glass), unless the glass was broken this session.
    `to_change` is for pages that change the record: breaking the glass does not open those.
    """
    person = people_visible_to(membership).select_related("council").filter(pk=person_id).first()
    if person is None:
        raise Http404("No person found")
    _open(membership, person, session, to_change)
    return person


def on_person_for(queryset: QuerySet, membership: Membership, pk: int, session=None, *, to_change: bool = False):
    """A row that belongs to a person (a note, a referral, an entry) if this membership may see that person;
    404 otherwise; a restricted record stays closed, and opens to change, as in `person_for`."""
    item = (
        hide_restricted_work_for(membership, queryset)
        .select_related("person", "person__council")
        .filter(pk=pk, person__in=people_visible_to(membership))
        .first()
    )
    if item is None:
        raise Http404("Not found")
    _open(membership, item.person, session, to_change)
    return item


@dataclass(frozen=True)
class PersonSearch:
    nhs_number: str = ""
    given_name: str = ""
    family_name: str = ""
    date_of_birth: datetime.date | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.nhs_number or self.given_name or self.family_name or self.date_of_birth)


def search_people(membership: Membership, search: PersonSearch) -> list[Person]:
    """People matching an NHS number, or a name and/or date of birth, whatever the case or spacing."""
    if search.is_empty:
        return []
    people = people_visible_to(membership)
    if search.nhs_number:
        people = people.filter(nhs_number=normalise_nhs_number(search.nhs_number))
    if search.family_name:
        people = people.filter(family_name_key__startswith=normalise_name(search.family_name))
    if search.given_name:
        people = people.filter(given_name_key__startswith=normalise_name(search.given_name))
    if search.date_of_birth:
        people = people.filter(date_of_birth=search.date_of_birth)
    return list(people.order_by("family_name_key", "given_name_key", "pk")[:MAX_MATCHES])


def possible_duplicates(
    membership: Membership,
    *,
    nhs_number: str,
    given_name: str,
    family_name: str,
    date_of_birth: datetime.date | None,
    exclude_id: int | None = None,
) -> list[Person]:
    """Records that may be the same person: same NHS number, or the same date of birth with either
    name the same, or both names the same. Shown before a new record is created."""
    given, family = normalise_name(given_name), normalise_name(family_name)
    match = Q(given_name_key=given, family_name_key=family)
    if date_of_birth:
        match |= Q(date_of_birth=date_of_birth) & (Q(given_name_key=given) | Q(family_name_key=family))
    if nhs_number:
        match |= Q(nhs_number=normalise_nhs_number(nhs_number))
    people = people_visible_to(membership).filter(match)
    if exclude_id:
        people = people.exclude(pk=exclude_id)
    return list(people.order_by("family_name_key", "given_name_key", "pk")[:MAX_MATCHES])


def relationships_of(person: Person) -> QuerySet[Relationship]:
    return Relationship.objects.filter(person=person, ended_on__isnull=True).select_related("related_person")


TIMELINE_PAGE_SIZE = 25


@dataclass(frozen=True)
class TimelinePage:
    entries: list[TimelineEntry]
    next_cursor: str | None


def timeline_page(
    membership: Membership, person: Person, *, kind: str = "", cursor: str = "", size: int = TIMELINE_PAGE_SIZE
) -> TimelinePage:
    """One page of the person's timeline as this membership may see it, newest first, optionally of one kind.

    Keyset paging on (occurred_at, id): the cost of a page does not grow with how far back it is.
    """
    entries: QuerySet[TimelineEntry] = TimelineEntry.objects.filter(person=person, hidden_at__isnull=True)
    entries = hide_restricted_work_for(membership, entries, person_id=person.pk)
    if kind:
        entries = entries.filter(kind=kind)
    if cursor:
        at_text, _, last_id = cursor.rpartition("_")
        try:
            at = datetime.datetime.fromisoformat(at_text)
            entries = entries.filter(Q(occurred_at__lt=at) | Q(occurred_at=at, pk__lt=int(last_id)))
        except ValueError:
            pass
    rows = list(entries.order_by("-occurred_at", "-pk")[: size + 1])
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        next_cursor = f"{rows[-1].occurred_at.isoformat()}_{rows[-1].pk}"
    return TimelinePage(rows, next_cursor)


@dataclass(frozen=True)
class ReviewOverview:
    people: int
    reviews_overdue: int
    reviews_due_soon: int
    horizon_days: int


def review_overview(membership: Membership, *, today: datetime.date, horizon: datetime.timedelta) -> ReviewOverview:
    """Counts only, no names: how many people are on record and how many reviews are due."""
    counts = people_visible_to(membership).aggregate(
        people=Count("pk"),
        overdue=Count("pk", filter=Q(review_due_on__lt=today, date_of_death__isnull=True)),
        due_soon=Count(
            "pk", filter=Q(review_due_on__gte=today, review_due_on__lte=today + horizon, date_of_death__isnull=True)
        ),
    )
    return ReviewOverview(counts["people"], counts["overdue"], counts["due_soon"], horizon.days)


def handed_over_to(membership: Membership, *, limit: int = 20) -> list[Handover]:
    """A provider's cases: people handed to its contracts and not yet handed back, most recent first."""
    return list(
        Handover.objects.filter(
            contract__provider=membership.organisation,
            ended_at__isnull=True,
            person__in=people_visible_to(membership),
        )
        .select_related("person", "contract", "contract__council")
        .order_by("-handed_over_at", "-pk")[:limit]
    )


def access_log_of(person: Person):
    return access_log_for_person(council_id=person.council_id, person_id=person.pk)


def own_record(membership: Membership) -> Person | None:
    """A citizen's own record, and only that."""
    return people_visible_to(membership).filter(citizen_account__user=membership.user).first()


def person_from_submission(membership: Membership, submission_id: str) -> Person | None:
    """The record a form submission already created, if this membership may see it."""
    try:
        key = uuid.UUID(str(submission_id))
    except ValueError:
        return None
    return people_visible_to(membership).filter(submission_id=key).first()


def visible_person(membership: Membership, person_id: int) -> Person:
    """A person the acting membership may see, before any restriction on their record is checked: breaking the
    glass starts here."""
    person = people_visible_to(membership).filter(pk=person_id).first()
    if person is None:
        raise Http404("No person found")
    return person


def restriction_choices(membership: Membership) -> tuple[QuerySet[User], QuerySet[Team]]:
    """Who may manage or be let into a restricted record: the acting council's own staff and teams."""
    council = membership.organisation
    staff = (
        User.objects.filter(
            memberships__organisation=council, memberships__role__in=STAFF_ROLES, memberships__is_active=True
        )
        .distinct()
        .order_by("full_name")
    )
    return staff, Team.objects.filter(organisation=council, is_active=True)
