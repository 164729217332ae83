"""The person record: who someone is, how to reach them, and the facts statutory returns need."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from . import identity
from .identity import format_nhs_number


class Person(models.Model):
    """One person known to a council. Never deleted: a record is closed, not removed."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="people")
    external_reference = models.CharField(
        max_length=50, blank=True, help_text="The person's identifier in the system the council used before."
    )
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    title = models.CharField(max_length=20, blank=True)
    given_name = models.CharField("first name", max_length=100)
    family_name = models.CharField("last name", max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    # Matching keys, kept in step with the names by the services that write them.
    given_name_key = models.CharField(max_length=100, editable=False)
    family_name_key = models.CharField(max_length=100, editable=False)
    # Not known for someone recorded only by name, like a carer offered their own assessment.
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)

    address_line_1 = models.CharField("address line 1", max_length=200, blank=True)
    address_line_2 = models.CharField("address line 2", max_length=200, blank=True)
    town = models.CharField("town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField("phone number", max_length=30, blank=True)
    email = models.EmailField(blank=True)

    gender = models.CharField(max_length=40, blank=True)
    ethnicity = models.CharField(max_length=120, blank=True)
    client_type = models.CharField(max_length=60, blank=True)
    primary_support_reason = models.CharField(max_length=100, blank=True)
    accommodation_status = models.CharField(max_length=120, blank=True)
    employment_status = models.CharField(max_length=80, blank=True)
    has_unpaid_carer = models.CharField(max_length=10, blank=True)
    autism_spectrum_disorder = models.CharField(max_length=10, blank=True)
    # Room for the longest Client Level Data answer, like "Blind/severely sight impaired".
    visual_impairment = models.CharField(max_length=40, blank=True)
    hearing_impairment = models.CharField(max_length=40, blank=True)
    dementia = models.CharField(max_length=10, blank=True)
    gp_practice_name = models.CharField("GP practice", max_length=200, blank=True)
    gp_practice_code = models.CharField("GP practice code", max_length=10, blank=True)

    communication_needs = models.TextField(blank=True)
    interpreter_language = models.CharField(max_length=60, blank=True)

    last_review_on = models.DateField(null=True, blank=True)
    review_due_on = models.DateField(null=True, blank=True)

    version = models.PositiveIntegerField(default=1)
    submission_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ScopedManager(council="council")
    history = HistoricalRecords(excluded_fields=["given_name_key", "family_name_key", "submission_id"])

    class Meta:
        ordering = ["family_name", "given_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "nhs_number"],
                condition=~models.Q(nhs_number=""),
                name="person_unique_nhs_number",
            ),
            models.UniqueConstraint(
                fields=["council", "external_reference"],
                condition=~models.Q(external_reference=""),
                name="person_unique_external_reference",
            ),
        ]
        indexes = [
            models.Index(fields=["council", "family_name_key", "date_of_birth"], name="person_family_dob"),
            models.Index(fields=["council", "given_name_key", "date_of_birth"], name="person_given_dob"),
            models.Index(fields=["council", "review_due_on"], name="person_review_due"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def nhs_number_display(self) -> str:
        return format_nhs_number(self.nhs_number)

    @property
    def person_reference(self) -> str:
        """The council's unique identifier for the person (the LA Person Unique Identifier in CLD)."""
        return f"P{self.pk:07d}"

    def age_on(self, day) -> int | None:
        return identity.age_on(self.date_of_birth, day) if self.date_of_birth else None

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())


class Relationship(models.Model):
    """Someone in a person's life: a carer, relative or representative, on record or not."""

    class Kind(models.TextChoices):
        CARER = "carer", "Unpaid carer"
        PARTNER = "partner", "Partner or spouse"
        PARENT = "parent", "Parent"
        CHILD = "child", "Son or daughter"
        OTHER_RELATIVE = "relative", "Other relative"
        FRIEND = "friend", "Friend or neighbour"
        REPRESENTATIVE = "representative", "Representative or advocate"
        ATTORNEY = "attorney", "Lasting power of attorney or deputy"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships")
    kind = models.CharField("relationship", max_length=20, choices=Kind.choices)
    related_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="related_to"
    )
    name = models.CharField(max_length=200, blank=True)
    phone = models.CharField("phone number", max_length=30, blank=True)
    email = models.EmailField(blank=True)
    provides_unpaid_care = models.BooleanField(default=False)
    is_main_contact = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    submission_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    ended_on = models.DateField(null=True, blank=True)

    objects = ScopedManager(council="council")
    history = HistoricalRecords(excluded_fields=["submission_id"])

    class Meta:
        ordering = ["-is_main_contact", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name="") | models.Q(related_person__isnull=False),
                name="relationship_names_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_kind_display()})"

    @property
    def display_name(self) -> str:
        return self.related_person.full_name if self.related_person_id else self.name


class Handover(models.Model):
    """A person's case handed by their council to a provider's contract; the provider sees only these."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="handovers")
    contract = models.ForeignKey("tenancy.Contract", on_delete=models.PROTECT, related_name="handovers")
    handed_over_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(council="council")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "contract"], condition=models.Q(ended_at__isnull=True), name="handover_one_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} handed to {self.contract.reference}"


class CitizenAccount(models.Model):
    """Links a citizen's sign-in to their own person record, and nothing else."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="citizen_account")
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="citizen_account")
    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(council="council")

    def __str__(self) -> str:
        return f"{self.user} is {self.person}"


class TimelineEntry(models.Model):
    """One line of a person's timeline, written by whichever app did the thing.

    A denormalised index: the timeline reads only this table, newest first, so a
    person with thousands of notes, documents and events still pages quickly.
    """

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="timeline")
    kind = models.CharField(max_length=20)
    occurred_at = models.DateTimeField()
    recorded_at = models.DateTimeField(default=timezone.now)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    actor_name = models.CharField(max_length=200, blank=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    url = models.CharField(max_length=300, blank=True)
    significant = models.BooleanField(default=False)
    hidden_at = models.DateTimeField(null=True, blank=True, help_text="Retracted: kept for the audit trail, not shown.")

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-occurred_at", "-id"], name="timeline_person_at"),
            models.Index(fields=["person", "kind", "-occurred_at", "-id"], name="timeline_person_kind_at"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d} {self.title}"


class Restriction(models.Model):
    """Only the named workers and teams may open a restricted record; others must break the glass."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="restrictions")
    reason = models.TextField()
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Told at once whenever someone breaks the glass.",
    )
    allowed_users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    allowed_teams = models.ManyToManyField("tenancy.Team", blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedManager(council="council")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(lifted_at__isnull=True), name="restriction_one_active"
            )
        ]

    def __str__(self) -> str:
        return f"Restriction on {self.person}"
