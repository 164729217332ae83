"""Who may open safeguarding and DoLS records: the council's safeguarding or DoLS teams, the workers named
on the case, and anyone who broke the glass this session. Every other user of the council meets the
restricted-record page; everyone else (providers, referrers, citizens, other councils) a 404.
"""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.people.restrictions import RestrictedRecord, check_may_open, grant_for_session
from assessflow.tenancy.models import Membership, User
from assessflow.tenancy.permissions import require
from assessflow.tenancy.roles import OrganisationKind, Role
from assessflow.tenancy.services import notify

from .actions import AccessAction
from .models import Concern, DolsApplication, SafeguardingSettings

SESSION_KEY = "break_glass_safeguarding"
NOTICE = "Safeguarding and DoLS records are open only to the council's {team} and the workers named on the case."


def settings_for(council) -> SafeguardingSettings:
    """The council's settings, or the defaults (unsaved) until its administrator first saves them: pages that only
    read them write nothing."""
    return SafeguardingSettings.objects.filter(council=council).first() or SafeguardingSettings(council=council)


def _is_council_staff(membership: Membership) -> bool:
    return membership.organisation.kind == OrganisationKind.COUNCIL and membership.is_staff_role


def _in_team(membership: Membership, teams: str) -> bool:
    return (
        _is_council_staff(membership)
        and membership.team_id is not None
        and SafeguardingSettings.objects.filter(council=membership.organisation, **{teams: membership.team_id}).exists()
    )


def in_safeguarding_team(membership: Membership) -> bool:
    return _in_team(membership, "safeguarding_teams")


def in_dols_team(membership: Membership) -> bool:
    return _in_team(membership, "dols_teams")


def _glass(session, kind: str) -> list[int]:
    prefix = f"{kind}:"
    return [int(v[len(prefix) :]) for v in (session or {}).get(SESSION_KEY, []) if v.startswith(prefix)]


def concerns_visible_to(membership: Membership, session=None) -> QuerySet[Concern]:
    if not _is_council_staff(membership):
        return Concern.objects.none()
    concerns = Concern.objects.filter(council=membership.organisation)
    if in_safeguarding_team(membership):
        return concerns
    user = membership.user
    return concerns.filter(
        Q(enquiry__lead=user) | Q(enquiry__named_workers=user) | Q(pk__in=_glass(session, "concern"))
    ).distinct()


def dols_visible_to(membership: Membership, session=None) -> QuerySet[DolsApplication]:
    if not _is_council_staff(membership):
        return DolsApplication.objects.none()
    applications = DolsApplication.objects.filter(council=membership.organisation)
    if in_dols_team(membership):
        return applications
    user = membership.user
    return applications.filter(
        Q(best_interests_assessor=user)
        | Q(mental_health_assessor=user)
        | Q(signatory=user)
        | Q(pk__in=_glass(session, "dols"))
    )


def may_change_enquiry(membership: Membership, enquiry, *, lead_only: bool = False) -> bool:
    """Breaking the glass lets someone read a record, never change it. The team and the lead may change an
    enquiry; workers named on it may add to it (strategy, actions) but not change who is named or close it."""
    if in_safeguarding_team(membership) or enquiry.lead_id == membership.user_id:
        return True
    return not lead_only and enquiry.named_workers.filter(pk=membership.user_id).exists()


def may_assess(membership: Membership, application: DolsApplication, assessed_by: str) -> bool:
    """Who may record an assessment made by the named best interests or mental health assessor: the DoLS team, or
    that assessor themself. An external doctor has no account here, so the best interests assessor may record
    their assessment for them."""
    if in_dols_team(membership):
        return True
    user = membership.user_id
    if assessed_by == "mental_health":
        if application.mental_health_assessor_id is not None:
            return application.mental_health_assessor_id == user
        return application.mental_health_doctor_id is not None and application.best_interests_assessor_id == user
    return application.best_interests_assessor_id == user


def _open_or_restricted(visible: QuerySet, everything: QuerySet, membership: Membership, pk: int, *, team, session):
    """The record if this membership may open it. Outside the team, the person's own restriction holds as well:
    being named on an enquiry, or breaking the glass on a concern, does not open a restricted person's record."""
    found = visible.select_related("person", "person__council").filter(pk=pk).first()
    if found is not None:
        if not team(membership):
            check_may_open(membership, found.person, session)
        return found
    hidden = everything.select_related("person").filter(pk=pk).first() if _is_council_staff(membership) else None
    if hidden is None or hidden.council_id != membership.organisation_id:
        raise Http404("Not found")
    raise restricted(hidden)


def restricted(record) -> RestrictedRecord:
    """The restricted-record page's exception for a safeguarding or DoLS record, breaking the glass on it alone."""
    kind, team = ("dols", "DoLS team") if isinstance(record, DolsApplication) else ("concern", "safeguarding team")
    return RestrictedRecord(
        record.person,
        break_glass_url=reverse(f"safeguarding:{kind}-break-glass", args=[record.pk]),
        notice=NOTICE.format(team=team),
    )


def concern_for(membership: Membership, pk: int, session=None) -> Concern:
    visible = concerns_visible_to(membership, session)
    return _open_or_restricted(visible, Concern.objects, membership, pk, team=in_safeguarding_team, session=session)


def dols_for(membership: Membership, pk: int, session=None) -> DolsApplication:
    visible = dols_visible_to(membership, session)
    return _open_or_restricted(visible, DolsApplication.objects, membership, pk, team=in_dols_team, session=session)


def team_managers(council, *, dols: bool) -> list[User]:
    teams = SafeguardingSettings.objects.filter(council=council).values("dols_teams" if dols else "safeguarding_teams")
    return list(
        User.objects.filter(
            memberships__team__in=teams, memberships__role=Role.TEAM_MANAGER, memberships__is_active=True
        ).distinct()
    )


def break_glass(*, actor: Actor, record: Concern | DolsApplication, reason: str, session) -> None:
    """Open one safeguarding or DoLS record for this session: logged, and the team's managers told at once."""
    require(actor.membership, "people.break_glass", record.person)
    reason = reason.strip()
    if not reason:
        raise ValueError("Breaking the glass needs a reason.")
    kind = "dols" if isinstance(record, DolsApplication) else "concern"
    url = reverse("safeguarding:dols" if kind == "dols" else "safeguarding:concern", args=[record.pk])
    with transaction.atomic():
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.VIEW,
            action=AccessAction(f"safeguarding.{kind}.break_glass"),
            obj=record,
            detail={"reason": reason},
        )
        for manager in team_managers(record.council, dols=kind == "dols"):
            notify(user=manager, message=f"{actor.name} broke the glass on {record.reference}: {reason}", url=url)
    grant_for_session(session, SESSION_KEY, f"{kind}:{record.pk}")
