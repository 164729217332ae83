"""Waiting lists: who is waiting for which kind of work, how urgently, and since when."""

from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager


def import_storage():
    """Uploaded backlog files: kept out of the web root, like documents."""
    return storages["imports"]


class WorkType(models.TextChoices):
    NEEDS_ASSESSMENT = "needs_assessment", "Needs assessment"
    CARERS_ASSESSMENT = "carers_assessment", "Carer's assessment"
    FINANCIAL_ASSESSMENT = "financial_assessment", "Financial assessment"
    SIX_WEEK_REVIEW = "six_week_review", "6-week review"
    ANNUAL_REVIEW = "annual_review", "Annual review"
    REASSESSMENT = "reassessment", "Reassessment"
    DOLS = "dols", "Deprivation of Liberty Safeguards"
    OCCUPATIONAL_THERAPY = "occupational_therapy", "Occupational therapy"


# Work that only the council's own staff may learn of (Care Act s.79): its entries, counts and timeline lines never
# reach a provider, a referrer or a citizen (`people.restricted_work`).
RESTRICTED_WORK = frozenset({WorkType.DOLS})


class Priority(models.TextChoices):
    RED = "red", "Red: high risk"
    AMBER = "amber", "Amber: some risk"
    GREEN = "green", "Green: low risk"


class Timescale(models.Model):
    """How many working days a council allows, from joining the list, for each work type and priority."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    work_type = models.CharField(max_length=30, choices=WorkType.choices)
    priority = models.CharField(max_length=10, choices=Priority.choices)
    working_days = models.PositiveIntegerField()

    objects = ScopedManager(council="council")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "work_type", "priority"], name="timescale_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_work_type_display()}, {self.priority}: {self.working_days} working days"


class WaitingListEntry(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        ALLOCATED = "allocated", "Allocated"
        COMPLETED = "completed", "Completed"
        REMOVED = "removed", "Removed"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="waiting_list_entries")
    referral = models.ForeignKey(
        "frontdoor.Referral", null=True, blank=True, on_delete=models.PROTECT, related_name="waiting_list_entries"
    )
    team = models.ForeignKey("tenancy.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    work_type = models.CharField(max_length=30, choices=WorkType.choices)
    priority = models.CharField(max_length=10, choices=Priority.choices)
    priority_rationale = models.TextField("why this priority")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    added_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(help_text="From the council's timescale for the work type and priority")
    imported_details = models.JSONField(
        default=dict, blank=True, help_text="What a backlog import said of the case: package, worker, last review"
    )
    backlog_import = models.ForeignKey(
        "BacklogImport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
        help_text="The import that brought the case in, if one did",
    )
    next_contact_on = models.DateField(
        "next keep-in-touch contact", null=True, blank=True, help_text="Waiting well: when to check in next"
    )
    version = models.PositiveIntegerField(default=1)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["added_at", "pk"]
        indexes = [
            models.Index(fields=["council", "status", "added_at", "id"], name="waiting_oldest"),
            models.Index(fields=["council", "status", "work_type", "added_at", "id"], name="waiting_type_oldest"),
            models.Index(fields=["council", "status", "priority", "added_at", "id"], name="waiting_priority_oldest"),
            models.Index(fields=["council", "status", "due_on"], name="waiting_due"),
            models.Index(fields=["council", "status", "next_contact_on"], name="waiting_next_contact"),
            models.Index(fields=["council", "status", "team", "added_at", "id"], name="waiting_team_oldest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_work_type_display()} for {self.person_id} ({self.priority})"


class ContactInterval(models.Model):
    """How often, in days, a council checks in with people waiting at each priority."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    priority = models.CharField(max_length=10, choices=Priority.choices)
    days = models.PositiveIntegerField()

    objects = ScopedManager(council="council")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "priority"], name="contact_interval_unique")]

    def __str__(self) -> str:
        return f"{self.priority}: every {self.days} days"


class KeepInTouchContact(models.Model):
    """A check-in with someone waiting: whether things have changed, and what was done about it."""

    class Method(models.TextChoices):
        PHONE = "phone", "Phone call"
        TEXT = "text", "Text message"
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"
        VISIT = "visit", "Visit"

    class Outcome(models.TextChoices):
        NO_CHANGE = "no_change", "No change: keep waiting"
        RAISE_PRIORITY = "raise_priority", "Things are worse: raise the priority"
        DUTY = "duty", "Refer to the duty worker today"
        SAFEGUARDING = "safeguarding", "Raise a safeguarding concern"
        NOT_REACHED = "not_reached", "Could not reach them: try again soon"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(WaitingListEntry, on_delete=models.PROTECT, related_name="contacts")
    contacted_at = models.DateTimeField(default=timezone.now)
    contacted_by = models.ForeignKey("tenancy.User", on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=10, choices=Method.choices)
    things_changed = models.BooleanField("things have changed", null=True)
    notes = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    submission_id = models.UUIDField(unique=True, null=True, editable=False)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["-contacted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} on {self.contacted_at:%d %b %Y}"


class BacklogImport(models.Model):
    """One upload of existing cases, validated in full before anything is written."""

    class Status(models.TextChoices):
        READING = "reading", "Reading the file"
        MAPPING = "mapping", "Match the file's columns and values"
        VALIDATING = "validating", "Checking the file"
        CHECKED = "checked", "Checked: ready to import"
        IMPORTING = "importing", "Importing"
        IMPORTED = "imported", "Imported"
        FAILED = "failed", "Could not be read"
        ABANDONED = "abandoned", "Abandoned"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey("tenancy.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    file = models.FileField(storage=import_storage, max_length=200)
    original_name = models.CharField(max_length=200)
    contract = models.ForeignKey(
        "tenancy.Contract",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Hand every imported case to this provider contract",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.VALIDATING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    rows_valid = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="The first problems found: row, column, message")
    error_rows = models.PositiveIntegerField(default=0)
    only_valid_rows = models.BooleanField(default=False)
    people_created = models.PositiveIntegerField(default=0)
    people_updated = models.PositiveIntegerField(default=0)
    entries_created = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    failure = models.TextField(blank=True)
    survey = models.JSONField(
        default=dict, blank=True, help_text="What reading the file found: its headers, rows and each column's values"
    )
    mapping = models.JSONField(
        default=dict, blank=True, help_text="Which of the file's columns and values are which of Assessflow's"
    )
    carried_allocations = models.JSONField(
        default=dict,
        blank=True,
        help_text="The cases the file said were with a worker: how many stayed with them, and why the rest did not",
    )

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"Import of {self.original_name}"

    @property
    def percent_checked(self) -> int:
        return int(100 * self.rows_checked / self.rows_total) if self.rows_total else 0

    @property
    def heading(self) -> str:
        """What the job's page is headed: a checked file with problems is never called ready."""
        if self.status == self.Status.CHECKED and self.error_rows:
            return f"{self.error_rows:,} row{'s have' if self.error_rows != 1 else ' has'} problems"
        return self.get_status_display()

    @property
    def progress_text(self) -> str:
        """Never "0 of 0": until the check knows how many rows there are, it says it is reading."""
        if self.status == self.Status.IMPORTING:
            return f"Importing {self.rows_valid:,} rows"
        if not self.rows_total:
            return "Reading the file"
        return f"{self.rows_checked:,} of {self.rows_total:,} rows checked"

    @property
    def can_abandon(self) -> bool:
        """Only while it waits on its administrator (or on reading): not while rows are checked or written."""
        return self.status in (self.Status.READING, self.Status.MAPPING, self.Status.CHECKED)


class BacklogMapping(models.Model):
    """A council's saved matching of a handover file's columns and values to Assessflow's, to use again."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100)
    mapping = models.JSONField(default=dict, help_text="columns: {Assessflow column: file header}; values: {...}")
    saved_by = models.ForeignKey("tenancy.User", on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="backlog_mapping_unique_name")]

    def __str__(self) -> str:
        return self.name


class WaitingTally(models.Model):
    """How many are waiting for each work type, priority, team and due date: kept exact by every change of
    an entry, so the list's counts cost the same at a million entries as at ten."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    work_type = models.CharField(max_length=30, choices=WorkType.choices)
    priority = models.CharField(max_length=10, choices=Priority.choices)
    team = models.ForeignKey("tenancy.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # By due date too, so "overdue" is a sum over the tallies for any day, not a count of entries.
    due_on = models.DateField()
    waiting = models.IntegerField(default=0)

    objects = ScopedManager(council="council")

    class Meta:
        # One tally per key; "no team" is its own key (two partial constraints, as NULLs never clash).
        constraints = [
            models.UniqueConstraint(
                fields=["council", "work_type", "priority", "team", "due_on"],
                condition=models.Q(team__isnull=False),
                name="waiting_tally_unique",
            ),
            models.UniqueConstraint(
                fields=["council", "work_type", "priority", "due_on"],
                condition=models.Q(team__isnull=True),
                name="waiting_tally_unique_no_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work_type}/{self.priority}: {self.waiting}"
