"""Changes to who works in an organisation: adding members, switching roles off and on."""

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access

from .models import Membership, Notification, Organisation, Team, User


def _record(actor: Actor, action: str, membership: Membership) -> None:
    council = membership.organisation if membership.organisation.is_council else membership.organisation.council
    record_access(
        actor=actor,
        kind=AccessEvent.Kind.CHANGE,
        action=action,
        obj=membership,
        council_id=council.pk if council else None,
        detail={"email": membership.user.email, "role": membership.role},
    )


def add_member(
    *,
    actor: Actor,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: str,
    qualification: str = "",
    team: Team | None = None,
) -> Membership:
    """Give someone a role in the organisation, creating their account if they have none.

    A new account has no password until its owner sets one through the link
    `password_setup_path` makes.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email, password=None, full_name=full_name.strip())
        membership = Membership(
            user=user, organisation=organisation, role=role, qualification=qualification or "", team=team
        )
        membership.full_clean()
        membership.save()
        _record(actor, "member.added", membership)
    return membership


def set_membership_active(*, actor: Actor, membership: Membership, active: bool) -> Membership:
    """Switch a role off (the person can no longer work in it) or back on. Nothing is deleted."""
    if membership.is_active == active:
        return membership
    with transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(is_active=active)
        membership.is_active = active
        _record(actor, "member.switched_on" if active else "member.switched_off", membership)
    return membership


def password_setup_path(user: User) -> str:
    """A one-off path where the user sets their password; it stops working once they have."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("set-password", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})


def notify(*, user: User, message: str, url: str = "") -> None:
    """Tell a user something at once; they see it on their home page."""
    Notification.objects.create(user=user, message=message[:500], url=url)


def mark_notifications_read(*, user: User) -> None:
    Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
