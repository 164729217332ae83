"""Councils, provider organisations, referring organisations, teams, users and their memberships."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .roles import ROLES_BY_KIND, STAFF_ROLES, OrganisationKind, Qualification, Role


class Organisation(models.Model):
    """A council, a provider it contracts, or an external organisation that refers people."""

    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(max_length=200)
    la_code = models.CharField(
        "local authority code", max_length=10, blank=True, help_text="The council's code in statutory returns."
    )
    council = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrer_organisations",
        help_text="For a referring organisation: the council it refers people to.",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="organisation_unique_name_per_kind"),
            models.CheckConstraint(
                condition=models.Q(kind=OrganisationKind.REFERRER, council__isnull=False)
                | (~models.Q(kind=OrganisationKind.REFERRER) & models.Q(council__isnull=True)),
                name="organisation_referrer_has_council",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_council(self) -> bool:
        return self.kind == OrganisationKind.COUNCIL


class Contract(models.Model):
    """A council's contract with a provider to carry out assessments on its behalf (Care Act s.79)."""

    council = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contracts_let", limit_choices_to={"kind": "council"}
    )
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contracts_held", limit_choices_to={"kind": "provider"}
    )
    reference = models.CharField(max_length=50)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    council_signs_off = models.BooleanField(
        default=True, help_text="Whether the council signs off the provider's assessment decisions."
    )
    qa_required_for_payment = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "reference"], name="contract_unique_reference")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.provider} for {self.council}"

    def is_live(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username.strip())

    def create_user(self, email: str, password: str | None = None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in: staff, referrers and citizens. Signs in with an email address."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May use Django's own admin tools.")
    date_joined = models.DateTimeField(default=timezone.now)
    # Only this organisation's administrators may ever be shown the account's set-password link,
    # and only while the account holds no role anywhere else.
    created_by = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Membership(models.Model):
    """A user's role in one organisation. A user may hold several and switch between them."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    qualification = models.CharField(max_length=30, choices=Qualification.choices, blank=True)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}, {self.organisation}"

    def clean(self) -> None:
        errors = {}
        if self.organisation_id and self.role not in ROLES_BY_KIND[self.organisation.kind]:
            errors["role"] = f"A {self.organisation.get_kind_display().lower()} cannot have the role {self.role}."
        if self.role == Role.ASSESSOR and not self.qualification:
            errors["qualification"] = "Enter the assessor's qualification."
        if self.role != Role.ASSESSOR and self.qualification:
            errors["qualification"] = "Only assessors carry a qualification."
        if self.team_id and self.team.organisation_id != self.organisation_id:
            errors["team"] = "The team must belong to the same organisation."
        if errors:
            raise ValidationError(errors)

    @property
    def role_label(self) -> str:
        label = self.get_role_display()
        if self.qualification:
            label = f"{label} ({self.get_qualification_display().lower()})"
        return label

    @property
    def council(self) -> Organisation | None:
        """The council whose data this membership works in; None for a provider (see contracted_council_ids)."""
        org = self.organisation
        if org.kind == OrganisationKind.COUNCIL:
            return org
        if org.kind == OrganisationKind.REFERRER:
            return org.council
        return None

    def council_ids(self) -> list[int]:
        """Every council whose data this membership may touch at all (the tenant scope)."""
        org = self.organisation
        if org.kind == OrganisationKind.PROVIDER:
            today = timezone.localdate()
            return sorted(
                {c.council_id for c in org.contracts_held.all() if c.is_live(today)},
            )
        return [self.council.pk]

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES


class Invitation(models.Model):
    """An organisation's offer of a role to someone who already has an account.

    No membership exists until the account's owner, signed in, accepts: adding an email
    never gives another organisation's user a role, nor shows the adder who they are.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="invitations")
    email = models.EmailField()
    # The name as the inviting administrator typed it: never the account's own name.
    full_name = models.CharField(max_length=200)
    role = models.CharField(max_length=30, choices=Role.choices)
    qualification = models.CharField(max_length=30, choices=Qualification.choices, blank=True)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    answered_at = models.DateTimeField(null=True, blank=True)
    membership = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email", "role"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} invited to {self.organisation} as {self.get_role_display()}"


class Notification(models.Model):
    """A message to one user inside Assessflow, such as "someone broke the glass on a record you manage"."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="notifications")
    message = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return self.message


class PasswordResetRequest(models.Model):
    """A request for a password reset link, kept for a day and counted, so no one can flood a worker's mailbox
    with links or try address after address from one place."""

    email = models.CharField(max_length=254, db_index=True, help_text="As asked for, lower-cased")
    address = models.GenericIPAddressField(null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["address", "requested_at"], name="reset_request_address")]

    def __str__(self) -> str:
        return f"Password reset asked for {self.email} at {self.requested_at:%Y-%m-%d %H:%M}"
