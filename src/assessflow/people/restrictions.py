"""Restricted records: who may open one, breaking the glass, and setting or lifting a restriction.

Restrictions live with the person record because every app reaches a person through
`people.selectors.person_for`, which enforces them in one place.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.tenancy.models import Membership, Team, User
from assessflow.tenancy.permissions import require
from assessflow.tenancy.services import notify

from .actions import AccessAction
from .models import Person, Restriction

SESSION_KEY = "break_glass_person_ids"


class RestrictedRecord(Exception):
    """The acting user is not named on this record's restriction and has not broken the glass.

    Other apps raise it for their own restricted records (such as safeguarding), naming
    where the glass is broken and what the notice says; the same page shows it.
    """

    def __init__(self, person: Person, *, break_glass_url: str = "", notice: str = ""):
        super().__init__(f"Record {person.pk} is restricted")
        self.person = person
        self.break_glass_url = break_glass_url or reverse("people:break-glass", args=[person.pk])
        self.notice = notice or "Only the workers and teams named on this record can open it."

    read_only = False


class ReadOnlyRecord(RestrictedRecord):
    """The worker broke the glass on this record, which lets them read it and never change it."""

    read_only = True

    def __init__(self, person: Person, restriction: Restriction):
        manager = restriction.manager.full_name or restriction.manager.email
        super().__init__(
            person,
            notice=(
                "Breaking the glass lets you read this record, not change it. Only the workers and teams named "
                f"on it can change it: ask {manager}, who manages it, to name you if you need to."
            ),
        )


def active_restriction(person: Person) -> Restriction | None:
    return Restriction.objects.filter(person=person, lifted_at__isnull=True).first()


def _named(membership: Membership, restriction: Restriction) -> bool:
    user_id = membership.user_id
    if restriction.manager_id == user_id:
        return True
    if any(u.pk == user_id for u in restriction.allowed_users.all()):
        return True
    return membership.team_id is not None and any(t.pk == membership.team_id for t in restriction.allowed_teams.all())


def _granted(session, person_id: int) -> bool:
    return granted_this_session(session, SESSION_KEY, person_id)


def granted_this_session(session, key: str, value) -> bool:
    return session is not None and value in session.get(key, [])


def grant_for_session(session, key: str, value) -> None:
    """Breaking the glass opens a record for this session only."""
    session[key] = [*session.get(key, []), value]


def check_may_open(membership: Membership, person: Person, session=None) -> None:
    restriction = active_restriction(person)
    if restriction and not _named(membership, restriction) and not _granted(session, person.pk):
        raise RestrictedRecord(person)


def require_write_access(membership: Membership, person: Person, session=None) -> None:
    """Changing a restricted record needs the restriction to name the worker or their team.

    Breaking the glass opens a record for reading only, as it does a safeguarding or DoLS record: it never
    counts here. The session only decides what the refusal says.
    """
    restriction = active_restriction(person)
    if restriction is None or _named(membership, restriction):
        return
    if _granted(session, person.pk):
        raise ReadOnlyRecord(person, restriction)
    raise RestrictedRecord(person)


def closed_to(membership: Membership, people: list[Person], session=None) -> set[int]:
    """Of these people, the ids whose records this membership may not open (for lists and searches)."""
    ids = [p.pk for p in people]
    if not ids:
        return set()
    restrictions = Restriction.objects.filter(person_id__in=ids, lifted_at__isnull=True).prefetch_related(
        "allowed_users", "allowed_teams"
    )
    return {r.person_id for r in restrictions if not _named(membership, r) and not _granted(session, r.person_id)}


def break_glass(*, actor: Actor, person: Person, reason: str, session) -> None:
    """Open a restricted record for this session only: logged with the reason, and the manager is told at once."""
    require(actor.membership, "people.break_glass", person)
    restriction = active_restriction(person)
    reason = reason.strip()
    if restriction is None or not reason:
        raise ValueError("Breaking the glass needs a restricted record and a reason.")
    with transaction.atomic():
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.VIEW,
            action=AccessAction.PERSON_BREAK_GLASS,
            obj=person,
            council_id=person.council_id,
            person_id=person.pk,
            detail={"reason": reason},
        )
        notify(
            user=restriction.manager,
            message=f"{actor.name} broke the glass on restricted record {person.person_reference}: {reason}",
            url=reverse("people:detail", args=[person.pk]),
        )
    grant_for_session(session, SESSION_KEY, person.pk)


def restrict(
    *, actor: Actor, person: Person, reason: str, manager: User, users: list[User], teams: list[Team]
) -> Restriction:
    with transaction.atomic():
        restriction = Restriction.objects.create(
            council_id=person.council_id, person=person, reason=reason, manager=manager, created_by=actor.user
        )
        restriction.allowed_users.set(users)
        restriction.allowed_teams.set(teams)
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.PERSON_RESTRICTED,
            obj=person,
            council_id=person.council_id,
            person_id=person.pk,
            detail={"named_users": len(users), "named_teams": len(teams)},
        )
    return restriction


def lift(*, actor: Actor, restriction: Restriction) -> None:
    with transaction.atomic():
        Restriction.objects.filter(pk=restriction.pk).update(lifted_at=timezone.now(), lifted_by=actor.user)
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.PERSON_RESTRICTION_LIFTED,
            obj=restriction.person,
            council_id=restriction.council_id,
            person_id=restriction.person_id,
        )
