"""The assessor pool (profiles, areas, absences, conflicts, contract terms), allocations and suggestion runs."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager

from .constraints import Weights

DEFAULTS = Weights()
WORKING_WEEK = [0, 1, 2, 3, 4]


class Area(models.Model):
    """A locality or postcode district the council plans by; people are in the one their postcode says."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=10, help_text="A postcode district, like DB4")
    name = models.CharField(max_length=100, blank=True)
    is_active = models.BooleanField(default=True)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["council", "code"], name="area_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class TravelTime(models.Model):
    """Minutes between two areas, where the council knows better than its default."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    from_area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    to_area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    minutes = models.PositiveSmallIntegerField()

    objects = ScopedManager(council="council")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["from_area", "to_area"], name="travel_time_unique")]

    def __str__(self) -> str:
        return f"{self.from_area} to {self.to_area}: {self.minutes} minutes"


class AssessorProfile(models.Model):
    """One assessor in one council's pool: the council's own staff or a provider's, on a live contract."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey("tenancy.Membership", on_delete=models.PROTECT, related_name="assessor_profiles")
    skills = models.JSONField(default=list, blank=True)
    weekly_slots = models.PositiveSmallIntegerField("assessment slots a week", default=5)
    working_days = models.JSONField(default=list, blank=True, help_text="Weekdays worked, Monday 0")
    base_area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    areas = models.ManyToManyField(Area, blank=True, related_name="assessors")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The qualified worker who signs off an unqualified worker's reviews",
    )
    fees = models.JSONField(default=dict, blank=True, help_text="Pence per completed item, by work type")
    is_active = models.BooleanField(default=True)

    objects = ScopedManager(council="council")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "membership"], name="one_profile_per_pool")]

    def __str__(self) -> str:
        return f"{self.membership.user} in {self.council}"

    def save(self, *args, **kwargs):
        if not self.working_days and self._state.adding:
            self.working_days = list(WORKING_WEEK)
        super().save(*args, **kwargs)


class Absence(models.Model):
    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    profile = models.ForeignKey(AssessorProfile, on_delete=models.PROTECT, related_name="absences")
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=100, blank=True)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["starts_on", "pk"]

    def __str__(self) -> str:
        return f"Away {self.starts_on} to {self.ends_on}"


class ConflictOfInterest(models.Model):
    """An assessor who must not work with a person (a relative, a neighbour, a complaint)."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(council="council")

    def __str__(self) -> str:
        return f"Conflict: {self.assessor} and person {self.person_id}"


class ContractScope(models.Model):
    """Which kinds of work a provider's contract covers; a provider's assessor takes only these."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    contract = models.OneToOneField("tenancy.Contract", on_delete=models.PROTECT, related_name="scope")
    work_types = models.JSONField(default=list, blank=True, help_text="Empty: every kind of work")

    objects = ScopedManager(council="council")

    def __str__(self) -> str:
        return f"Scope of {self.contract}"


class AllocationSettings(models.Model):
    """The council's weights for suggestions: how much priority, waiting, travel, continuity and cost count."""

    council = models.OneToOneField("tenancy.Organisation", on_delete=models.PROTECT, related_name="allocation_settings")
    red = models.PositiveIntegerField("points for a red case", default=DEFAULTS.red)
    amber = models.PositiveIntegerField("points for an amber case", default=DEFAULTS.amber)
    green = models.PositiveIntegerField("points for a green case", default=DEFAULTS.green)
    per_day_waiting = models.PositiveIntegerField("points for each day waited", default=DEFAULTS.per_day_waiting)
    per_travel_minute = models.PositiveIntegerField(
        "points lost for each minute of travel", default=DEFAULTS.per_travel_minute
    )
    continuity = models.PositiveIntegerField("points for an assessor who knows the person", default=DEFAULTS.continuity)
    per_pound = models.PositiveIntegerField("points lost for each pound of cost", default=DEFAULTS.per_pound)
    in_house_pence = models.PositiveIntegerField("cost of an in-house slot, in pence", default=DEFAULTS.in_house_pence)
    travel_default_minutes = models.PositiveSmallIntegerField(
        "minutes between areas with no known time", default=DEFAULTS.travel_default_minutes
    )
    spread_tolerance_pct = models.PositiveSmallIntegerField(
        "spread tolerance, per cent", default=DEFAULTS.spread_tolerance_pct
    )
    over_share_penalty = models.PositiveIntegerField(
        "points lost for each case beyond an assessor's fair share", default=DEFAULTS.over_share_penalty
    )

    objects = ScopedManager(council="council")

    def __str__(self) -> str:
        return f"Allocation weights for {self.council}"

    def weights(self) -> Weights:
        return Weights(**{f: getattr(self, f) for f in Weights.__dataclass_fields__})


class Allocation(models.Model):
    """A waiting-list entry allocated to an assessor, until it is reallocated, withdrawn or the work is done."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey("waiting.WaitingListEntry", on_delete=models.PROTECT, related_name="allocations")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="allocations")
    organisation = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    allocated_at = models.DateTimeField(default=timezone.now)
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    run = models.ForeignKey("AllocationRun", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_reason = models.TextField(blank=True)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["allocated_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"], condition=models.Q(ended_at__isnull=True), name="one_open_allocation_per_entry"
            )
        ]
        indexes = [models.Index(fields=["assessor", "ended_at"], name="allocation_assessor_open")]

    def __str__(self) -> str:
        return f"Entry {self.entry_id} to {self.assessor}"


class AllocationRun(models.Model):
    """A manager's request for suggestions, worked out in the background; the manager accepts all, some or none."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Working it out"
        DONE = "done", "Ready"
        ACCEPTING = "accepting", "Being accepted"
        ACCEPTED = "accepted", "Accepted"
        UNDONE = "undone", "Accepted, then undone"
        FAILED = "failed", "Failed"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(max_length=100, blank=True)
    work_type = models.CharField(max_length=30, blank=True)
    team = models.ForeignKey("tenancy.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    weights = models.JSONField(default=dict)
    suggestions = models.JSONField(default=list)  # [{"entry": id, "assessor": id, "terms": {...}}]
    blocked = models.JSONField(default=list)  # [{"entry": id, "rule": code}]
    cases = models.PositiveIntegerField(default=0)
    objective = models.BigIntegerField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted = models.PositiveIntegerField(default=0)
    chosen = models.JSONField(default=list, blank=True)  # the entries being accepted in the background
    # The handovers accepting made (a case given to a provider's assessor), so undoing ends only those.
    handovers = models.JSONField(default=list, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undone = models.PositiveIntegerField(default=0)
    not_undone = models.JSONField(default=list, blank=True)  # [{"entry": id, "why": str}]: what undoing left
    failure = models.TextField(blank=True)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Allocation suggestions {self.pk}"
