"""Casework on a person's record: notes, documents, tasks, warnings, letter templates and their settings."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager


def document_storage():
    """Documents sit outside the web root, in the storage named "documents" (local disk, or S3 in production)."""
    return storages["documents"]


class CaseworkSettings(models.Model):
    """A council's own casework settings; a council without a row uses the defaults."""

    council = models.OneToOneField("tenancy.Organisation", on_delete=models.PROTECT, related_name="casework_settings")
    note_edit_window_hours = models.PositiveIntegerField("hours a note can be edited", default=24)
    max_upload_mb = models.PositiveIntegerField("largest document, in MB", default=20)
    letter_address = models.TextField(
        "council address for letters", blank=True, help_text="Printed at the top of every letter"
    )
    # Each way to reach the council is its own field, so a letter gives each its own verb: call, email, write to.
    letter_phone = models.CharField("phone number for letters", max_length=40, blank=True)
    letter_email = models.EmailField("email address for letters", blank=True)

    objects = ScopedManager(council="council")

    def __str__(self) -> str:
        return f"Casework settings of {self.council}"


class WorkLink(models.Model):
    """The piece of work (a referral, a waiting-list entry, an assessment) an item belongs to, if any."""

    work_item_type = models.CharField(max_length=60, blank=True)
    work_item_id = models.CharField(max_length=40, blank=True)

    class Meta:
        abstract = True


class Retractable(models.Model):
    """Nothing is hard-deleted: a retracted item is kept, with who, when and why, and hidden from the timeline."""

    retracted_at = models.DateTimeField(null=True, blank=True)
    retracted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    retraction_reason = models.TextField(blank=True)

    class Meta:
        abstract = True


class Note(WorkLink, Retractable):
    class Type(models.TextChoices):
        PHONE_CALL = "phone_call", "Phone call"
        VISIT = "visit", "Visit"
        OFFICE_CONTACT = "office_contact", "Office contact"
        EMAIL = "email", "Email"
        LETTER_RECEIVED = "letter_received", "Letter received"
        MULTI_AGENCY = "multi_agency", "Multi-agency discussion"
        MANAGEMENT_OVERSIGHT = "management_oversight", "Management oversight"
        SUPERVISION = "supervision", "Supervision"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="notes")
    note_type = models.CharField("type of note", max_length=30, choices=Type.choices)
    occurred_at = models.DateTimeField("when it happened")
    written_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_role = models.CharField(max_length=30)
    text = models.TextField()
    significant = models.BooleanField("significant event", default=False)
    amends = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
        help_text="The note corrected",
    )
    version = models.PositiveIntegerField(default=1)
    edited_at = models.DateTimeField(null=True, blank=True)
    submission_id = models.UUIDField(unique=True, null=True, editable=False)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["person", "-occurred_at"], name="note_person_at")]

    def __str__(self) -> str:
        return f"{self.get_note_type_display()} on {self.occurred_at:%d %b %Y}"


class Document(Retractable):
    class Category(models.TextChoices):
        ASSESSMENT = "assessment", "Assessment or review"
        CORRESPONDENCE = "correspondence", "Correspondence"
        HEALTH = "health", "Health or medical"
        FINANCIAL = "financial", "Financial"
        SAFEGUARDING = "safeguarding", "Safeguarding"
        LETTER = "letter", "Letter from the council"
        OTHER = "other", "Other"

    class Sending(models.TextChoices):
        POST = "post", "Posted"
        EMAIL = "email", "Emailed"
        HAND = "hand", "Handed to the person"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=Category.choices)
    file = models.FileField(storage=document_storage, max_length=200)
    content_type = models.CharField(max_length=120)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    submission_id = models.UUIDField(unique=True, null=True, editable=False)
    # A letter is filed when it is written and sent only when someone says it went, how and when.
    sent_at = models.DateTimeField("when it was sent", null=True, blank=True)
    sent_how = models.CharField("how it was sent", max_length=10, choices=Sending.choices, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def download_name(self) -> str:
        return f"{self.person.person_reference}-document-{self.pk}.{self.extension}"


class Task(WorkLink):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField("what needs doing", max_length=200)
    details = models.TextField(blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_team = models.ForeignKey("tenancy.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closing_note = models.TextField(blank=True)
    submission_id = models.UUIDField(unique=True, null=True, editable=False)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["assigned_to", "status", "due_on"], name="task_user_due"),
            models.Index(fields=["assigned_team", "status", "due_on"], name="task_team_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(assigned_to__isnull=False) | models.Q(assigned_team__isnull=False),
                name="task_has_an_owner",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today=None) -> bool:
        return self.status == self.Status.OPEN and self.due_on < (today or timezone.localdate())


class PersonWarning(models.Model):
    class Type(models.TextChoices):
        LONE_WORKER = "lone_worker", "Risk to lone workers"
        OTHERS_IN_HOME = "others_in_home", "Risk from others in the home"
        COMMUNICATION = "communication", "Communication or sensory need"
        INTERPRETER = "interpreter", "Interpreter needed"
        NO_PHONE = "no_phone", "Do not contact by phone"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="warnings")
    warning_type = models.CharField("type of warning", max_length=20, choices=Type.choices)
    note = models.TextField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)
    review_on = models.DateField("review date")
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submission_id = models.UUIDField(unique=True, null=True, editable=False)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["review_on", "pk"]
        indexes = [models.Index(fields=["person", "ended_at", "review_on"], name="warning_person_active")]

    def __str__(self) -> str:
        return self.get_warning_type_display()

    def is_active(self, today=None) -> bool:
        return self.ended_at is None and self.review_on >= (today or timezone.localdate())


class LetterTemplate(models.Model):
    class Kind(models.TextChoices):
        APPOINTMENT = "appointment", "Appointment"
        ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
        OUTCOME = "outcome", "Outcome"
        NOT_TO_ASSESS = "not_to_assess", "Decision not to assess"
        REVIEW_INVITATION = "review_invitation", "Review invitation"
        OTHER = "other", "Other"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(max_length=200, help_text="The letter's heading")
    body = models.TextField(help_text="Merge fields such as {{ person_name }} are filled in for each letter")
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="letter_template_unique_name")]

    def __str__(self) -> str:
        return self.name
