"""Changes to who works in an organisation: adding members, switching roles off and on."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.pathway.transitions import IllegalMove, change_status

from .actions import AccessAction
from .models import Invitation, Membership, Notification, Organisation, Team, User

S = Invitation.Status
INVITATION_MOVES = {S.PENDING: {S.ACCEPTED, S.DECLINED, S.WITHDRAWN}}


def _record(actor: Actor, action: str, membership: Membership | Invitation) -> None:
    """A change to who works where: a membership, or an invitation to one, with the email and role it names."""
    email = membership.email if isinstance(membership, Invitation) else membership.user.email
    record_access(
        actor=actor,
        kind=AccessEvent.Kind.CHANGE,
        action=action,
        obj=membership,
        council_id=_council_id(membership.organisation),
        detail={"email": email, "role": membership.role},
    )


def _council_id(organisation: Organisation) -> int | None:
    council = organisation if organisation.is_council else organisation.council
    return council.pk if council else None


def add_member(
    *,
    actor: Actor,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: str,
    qualification: str = "",
    team: Team | None = None,
) -> Membership | Invitation:
    """Give someone a role in the organisation, creating their account if they have none.

    An account this organisation made, holding roles here only, takes the role at once. Any other
    account belongs to someone elsewhere: it gets an invitation that its owner must accept, so an
    administrator can never give themselves (or anyone) another organisation's account.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email, password=None, full_name=full_name.strip(), created_by=organisation)
        elif not _only_ours(user, organisation):
            return _invite(
                actor=actor,
                organisation=organisation,
                user=user,
                full_name=full_name,
                role=role,
                qualification=qualification,
                team=team,
            )
        membership = Membership(
            user=user, organisation=organisation, role=role, qualification=qualification or "", team=team
        )
        membership.full_clean()
        membership.save()
        _record(actor, AccessAction.MEMBER_ADDED, membership)
    return membership


def _only_ours(user: User, organisation: Organisation) -> bool:
    """Whether the account was made by this organisation and holds no role anywhere else."""
    return user.created_by_id == organisation.pk and not user.memberships.exclude(organisation=organisation).exists()


def _invite(
    *,
    actor: Actor,
    organisation: Organisation,
    user: User,
    full_name: str,
    role: str,
    qualification: str,
    team: Team | None,
) -> Invitation:
    if user.memberships.filter(organisation=organisation, role=role).exists():
        raise ValidationError({"__all__": ["This person already has that role here"]})
    if Invitation.objects.filter(
        organisation=organisation, email=user.email, role=role, status=Invitation.Status.PENDING
    ).exists():
        raise ValidationError({"email": ["This email address has already been invited to that role"]})
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=user.email,
        full_name=full_name.strip(),
        role=role,
        qualification=qualification or "",
        team=team,
        invited_by=actor.acting_user,
    )
    _record(actor, AccessAction.MEMBER_INVITED, invitation)
    notify(
        user=user,
        message=f"{organisation.name} invites you to work with them as {invitation.get_role_display().lower()}. "
        "Accept or decline on your home page",
        url=reverse("home"),
    )
    return invitation


def pending_invitation(*, user: User, invitation_id: int) -> Invitation:
    """An invitation addressed to this user's own email and not yet answered; 404 for any other."""
    invitation = (
        Invitation.objects.filter(pk=invitation_id, email__iexact=user.email, status=Invitation.Status.PENDING)
        .select_related("organisation", "organisation__council")
        .first()
    )
    if invitation is None:
        raise Http404("No such invitation")
    return invitation


def _answer(actor: Actor, invitation: Invitation, to: str, action: str) -> Invitation:
    """An invitation is answered (or withdrawn) once: one already answered is, to this request, no invitation."""
    try:
        return change_status(
            invitation,
            moves=INVITATION_MOVES,
            to=to,
            actor=actor,
            event_kind=None,  # who works where is not on any person's pathway
            action=action,
            fields={"answered_at": timezone.now()},
            council_id=_council_id(invitation.organisation),
            person_id=None,
            detail={"email": invitation.email, "role": invitation.role},
        )
    except IllegalMove as error:
        raise Http404("No such invitation") from error


def answer_invitation(*, actor: Actor, invitation: Invitation, accept: bool) -> Invitation:
    """The account's owner accepts (the role begins) or declines (nothing changes but the answer)."""
    with transaction.atomic():
        invitation = _answer(
            actor,
            invitation,
            Invitation.Status.ACCEPTED if accept else Invitation.Status.DECLINED,
            AccessAction.MEMBER_INVITATION_ACCEPTED if accept else AccessAction.MEMBER_INVITATION_DECLINED,
        )
        if accept:
            membership, _ = Membership.objects.get_or_create(
                user=actor.user,
                organisation=invitation.organisation,
                role=invitation.role,
                defaults={"qualification": invitation.qualification, "team": invitation.team},
            )
            Invitation.objects.filter(pk=invitation.pk).update(membership=membership)
            invitation.membership = membership
    return invitation


def withdraw_invitation(*, actor: Actor, organisation: Organisation, invitation_id: int) -> Invitation:
    with transaction.atomic():
        invitation = Invitation.objects.filter(
            pk=invitation_id, organisation=organisation, status=Invitation.Status.PENDING
        ).first()
        if invitation is None:
            raise Http404("No such invitation")
        return _answer(actor, invitation, Invitation.Status.WITHDRAWN, AccessAction.MEMBER_INVITATION_WITHDRAWN)


def set_membership_active(*, actor: Actor, membership: Membership, active: bool) -> Membership:
    """Switch a role off (the person can no longer work in it) or back on. Nothing is deleted."""
    if membership.is_active == active:
        return membership
    with transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(is_active=active)
        membership.is_active = active
        _record(actor, AccessAction.MEMBER_SWITCHED_ON if active else AccessAction.MEMBER_SWITCHED_OFF, membership)
    return membership


def password_setup_link_for(organisation: Organisation, user: User) -> str | None:
    """The set-password path, for the administrators of the one organisation that made the account.

    Never for an account made elsewhere or holding a role elsewhere: the link would hand its
    roles to whoever follows it.
    """
    if user.has_usable_password() or not _only_ours(user, organisation):
        return None
    return password_setup_path(user)


def password_setup_path(user: User) -> str:
    """A one-off path where the user sets their password; it stops working once they have."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("set-password", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})


def notify(*, user: User, message: str, url: str = "") -> None:
    """Tell a user something at once; they see it on their home page."""
    Notification.objects.create(user=user, message=message[:500], url=url)


def mark_notifications_read(*, user: User) -> None:
    Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
