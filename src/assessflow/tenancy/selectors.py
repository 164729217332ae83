"""Reads of organisations, teams and memberships for the acting user."""

from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Contract, Invitation, Membership, Team, User
from .roles import Role


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, is_active=True, organisation__is_active=True)
        .select_related("organisation", "organisation__council", "team")
        .order_by("pk")
    )


def current_membership(user: User, chosen_id: int | None) -> tuple[Membership | None, int]:
    """The membership the user chose this session, else their first active one; and how many they hold."""
    memberships = list(memberships_of(user))
    for membership in memberships:
        if membership.pk == chosen_id:
            return membership, len(memberships)
    return (memberships[0] if memberships else None), len(memberships)


def members_of_organisation(organisation) -> QuerySet[Membership]:
    """The organisation's staff; residents with a citizen account are not its users to manage."""
    return (
        Membership.objects.filter(organisation=organisation)
        .exclude(role=Role.CITIZEN)
        .select_related("user", "team")
        .order_by("user__full_name", "role")
    )


def teams_of(organisation) -> QuerySet[Team]:
    return Team.objects.filter(organisation=organisation).order_by("-is_active", "name")


def contracts_of(organisation) -> QuerySet[Contract]:
    """Contracts a council has let, or a provider holds."""
    return (
        Contract.objects.filter(Q(council=organisation) | Q(provider=organisation))
        .select_related("council", "provider")
        .order_by("reference")
    )


def member_of(acting: Membership, membership_id: int) -> Membership:
    """A membership of the acting member's own organisation; 404 for any other."""
    membership = members_of_organisation(acting.organisation).filter(pk=membership_id).first()
    if membership is None:
        raise Http404("No such member")
    return membership


def notifications_for(user: User, limit: int = 10) -> list:
    return list(user.notifications.all()[:limit])


def pending_invitations_of(organisation) -> QuerySet[Invitation]:
    """Invitations the organisation has sent and nobody has answered: shown by the email it typed, no more."""
    return Invitation.objects.filter(organisation=organisation, status=Invitation.Status.PENDING).select_related("team")


def invitations_for(user: User) -> list[Invitation]:
    """Roles other organisations offer this user, waiting for their answer."""
    if not user.is_authenticated:
        return []
    return list(
        Invitation.objects.filter(email__iexact=user.email, status=Invitation.Status.PENDING).select_related(
            "organisation", "team"
        )
    )
