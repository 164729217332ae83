"""Safeguarding concerns, enquiries under s.42 (and other enquiries), and DoLS applications.

These are always the council's own records: safeguarding is never delegated to a
provider (Care Act s.79), so nothing here is reachable through a contract. Status
changes are transitions in `services/`, each writing one pathway event.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager

from . import categories
from .doctors import ApprovedDoctor

__all__ = [
    "ApprovedDoctor",
    "Concern",
    "DolsApplication",
    "DolsAssessment",
    "Enquiry",
    "ProtectionAction",
    "SafeguardingSettings",
    "StrategyDiscussion",
]


class SafeguardingSettings(models.Model):
    """Each council's safeguarding and DoLS teams and its safeguarding timescales (DoLS deadlines are statute)."""

    council = models.OneToOneField(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="safeguarding_settings"
    )
    safeguarding_teams = models.ManyToManyField("tenancy.Team", blank=True, related_name="+")
    dols_teams = models.ManyToManyField("tenancy.Team", blank=True, related_name="+")
    triage_working_days = models.PositiveSmallIntegerField(
        "initial triage, in working days", default=0, help_text="0 means the same working day"
    )
    decision_working_days = models.PositiveSmallIntegerField("s.42 decision, in working days", default=5)
    renewal_reminder_days = models.PositiveSmallIntegerField(
        "remind the managing authority this many days before a DoLS authorisation ends", default=28
    )

    objects = ScopedManager(council="council")

    def __str__(self) -> str:
        return f"Safeguarding settings for {self.council}"


class Concern(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Awaiting triage"
        TRIAGED = "triaged", "Awaiting s.42 decision"
        ENQUIRY = "enquiry", "Enquiry open"
        CLOSED = "closed", "Closed"

    class Origin(models.TextChoices):
        PERSON = "person", "Person's record"
        CONTACT = "contact", "Contact or referral"
        SCREENING = "screening", "Screening decision"
        KEEP_IN_TOUCH = "keep_in_touch", "Keep-in-touch contact"
        NOTE = "note", "Case note"
        CHECK_IN = "check_in", "Check-in answer"
        PORTAL = "portal", "Referrer portal"
        ASSESSMENT = "assessment", "Assessment"

    class Decision(models.TextChoices):
        S42 = "s42", "Section 42 enquiry"
        OTHER = "other", "Other safeguarding enquiry"
        NO_FURTHER_ACTION = "no_further_action", "No further safeguarding action"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="safeguarding_concerns")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.PERSON)
    origin_id = models.CharField(max_length=40, blank=True)
    raised_at = models.DateTimeField(default=timezone.now, editable=False)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_by_organisation = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    raiser_anonymous = models.BooleanField("the person raising it wishes to stay anonymous to the adult", default=False)
    what_happened = models.TextField("what happened")
    happened_on = models.DateField("when it happened", null=True, blank=True)
    happened_where = models.CharField("where it happened", max_length=200, blank=True)
    person_view = models.TextField("the adult's own view, if known", blank=True)
    immediate_risk = models.CharField(max_length=10, choices=categories.Risk.choices)
    immediate_actions = models.JSONField("immediate action taken", default=list, blank=True)
    immediate_action_detail = models.TextField(blank=True)
    risk = models.CharField("risk at triage", max_length=10, choices=categories.Risk.choices)
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    triage_note = models.TextField(blank=True)
    # The s.42(1) test, each part with its reason.
    has_care_needs = models.BooleanField(null=True, blank=True)
    has_care_needs_reason = models.TextField(blank=True)
    abuse_or_risk = models.BooleanField(null=True, blank=True)
    abuse_or_risk_reason = models.TextField(blank=True)
    unable_to_protect = models.BooleanField(null=True, blank=True)
    unable_to_protect_reason = models.TextField(blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    submission_id = models.UUIDField(unique=True, null=True, editable=False)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["raised_at", "pk"]
        indexes = [models.Index(fields=["council", "status", "raised_at"], name="concern_queue")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"SG-{self.pk:06d}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.TRIAGED)

    def immediate_action_labels(self) -> list[str]:
        labels = dict(categories.ImmediateAction.choices)
        return [labels.get(a, a) for a in self.immediate_actions]


class Enquiry(models.Model):
    class Kind(models.TextChoices):
        S42 = "s42", "Section 42 enquiry"
        OTHER = "other", "Other safeguarding enquiry"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CONCLUDED = "concluded", "Concluded"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="safeguarding_enquiries")
    concern = models.OneToOneField(Concern, on_delete=models.PROTECT, related_name="enquiry")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reason = models.TextField("why an enquiry", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    named_workers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    caused_partner = models.CharField(
        "partner caused to make enquiries",
        max_length=200,
        blank=True,
        help_text="The council keeps the decision on what follows",
    )
    started_at = models.DateTimeField(default=timezone.now, editable=False)
    # Making Safeguarding Personal, at the start.
    outcomes_asked = models.BooleanField(null=True, blank=True)
    # The collection's "don't know": the council cannot tell whether they were asked (left empty: not recorded).
    outcomes_asked_not_known = models.BooleanField(default=False)
    outcomes_asked_of = models.CharField(max_length=20, choices=categories.AskedOf.choices, blank=True)
    outcomes_expressed = models.BooleanField(null=True, blank=True)
    desired_outcomes = models.TextField("what the adult wants to happen", blank=True)
    # Capacity and advocacy (s.68).
    capacity = models.CharField(max_length=20, choices=categories.Capacity.choices, blank=True)
    capacity_decisions = models.TextField("the decisions in question", blank=True)
    substantial_difficulty = models.BooleanField(null=True, blank=True)
    appropriate_person = models.BooleanField(null=True, blank=True)
    advocate = models.CharField("independent advocate", max_length=200, blank=True)
    no_advocate_reason = models.TextField("why no independent advocate was appointed", blank=True)
    # Findings at the close, in the Safeguarding Adults Collection's categories.
    risk_types = models.JSONField(default=list, blank=True)
    risk_location = models.CharField(max_length=30, choices=categories.RiskLocation.choices, blank=True)
    risk_source = models.CharField(max_length=30, choices=categories.RiskSource.choices, blank=True)
    action_taken = models.CharField(max_length=40, choices=categories.ActionTaken.choices, blank=True)
    risk_result = models.CharField(max_length=10, choices=categories.RiskResult.choices, blank=True)
    outcomes_achieved = models.CharField(max_length=20, choices=categories.Achieved.choices, blank=True)
    conclusion = models.TextField(blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["started_at", "pk"]
        verbose_name_plural = "enquiries"

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"SE-{self.pk:06d}"

    @property
    def advocate_needed(self) -> bool:
        """s.68: substantial difficulty in being involved, and no appropriate person to support them."""
        return bool(self.substantial_difficulty) and self.appropriate_person is False

    def risk_type_labels(self) -> list[str]:
        labels = dict(categories.RiskType.choices)
        return [labels.get(t, t) for t in self.risk_types]


class StrategyDiscussion(models.Model):
    class Kind(models.TextChoices):
        DISCUSSION = "discussion", "Strategy discussion"
        MEETING = "meeting", "Strategy meeting"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    enquiry = models.ForeignKey(Enquiry, on_delete=models.PROTECT, related_name="strategy_discussions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    held_on = models.DateField()
    attendees = models.TextField()
    decisions = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    submission_id = models.UUIDField(unique=True, null=True, editable=False)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%-d %B %Y}"


class ProtectionAction(models.Model):
    """One action of an enquiry's protection plan; its owner and due date live on the casework task."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    enquiry = models.ForeignKey(Enquiry, on_delete=models.PROTECT, related_name="protection_actions")
    action = models.CharField(max_length=200)
    task = models.OneToOneField("casework.Task", on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["task__due_on", "pk"]

    def __str__(self) -> str:
        return f"Protection plan action {self.pk}"


class DolsApplication(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Awaiting screening"
        WAITING = "waiting", "Awaiting assessment"
        GRANTED = "granted", "Authorised"
        NOT_GRANTED = "not_granted", "Not authorised"
        CLOSED = "closed", "Closed"

    class Setting(models.TextChoices):
        CARE_HOME = "care_home", "Care home"
        HOSPITAL = "hospital", "Hospital"

    class CloseReason(models.TextChoices):
        WITHDRAWN = "withdrawn", "Withdrawn by the managing authority"
        DIED = "died", "The person died"
        LEFT = "left", "The person left the care home or hospital"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="dols_applications")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    managing_authority = models.CharField("care home or hospital", max_length=200)
    setting = models.CharField(max_length=20, choices=Setting.choices)
    managing_authority_organisation = models.ForeignKey(
        "tenancy.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField(default=timezone.now, editable=False)
    received_on = models.DateField(editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField("why the managing authority asks for an authorisation")
    submitted_details = models.JSONField(
        default=dict, blank=True, help_text="Who the request is about, as a managing authority typed it in the portal"
    )
    urgent_given_on = models.DateField("urgent authorisation given on", null=True, blank=True)
    urgent_days = models.PositiveSmallIntegerField(null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(null=True, blank=True)
    extended_at = models.DateTimeField(null=True, blank=True)
    extension_reasons = models.TextField("why the urgent authorisation was extended", blank=True)
    priority = models.CharField(max_length=10, choices=categories.Risk.choices, blank=True)
    screening_criteria = models.JSONField(
        default=list, blank=True, help_text="The screening tool's criteria the request meets (dols_priority.CRITERIA)"
    )
    priority_rationale = models.TextField(blank=True)
    waiting_entry = models.OneToOneField(
        "waiting.WaitingListEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    best_interests_assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The approved doctor named as mental health assessor; `mental_health_assessor` is their account, if they have one.
    mental_health_doctor = models.ForeignKey(
        ApprovedDoctor, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    mental_health_assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the best interests assessor recommends (Schedule A1 paras 42-43): the signatory may not exceed the period.
    recommended_months = models.PositiveSmallIntegerField(null=True, blank=True)
    recommended_conditions = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    signatory = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    conditions = models.TextField(blank=True)
    decision_reason = models.TextField(blank=True)
    # The relevant person's representative, appointed on a grant (Schedule A1 Part 10).
    representative_name = models.CharField(max_length=200, blank=True)
    representative_kind = models.CharField(max_length=20, choices=categories.RepresentativeKind.choices, blank=True)
    representative_contact = models.CharField(max_length=300, blank=True)
    representative_appointed_on = models.DateField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    review_requested_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.TextField(blank=True)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    submission_id = models.UUIDField(unique=True, null=True, editable=False)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [models.Index(fields=["council", "status", "received_on"], name="dols_open")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"DL-{self.pk:06d}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.WAITING)

    @property
    def mental_health_assessor_name(self) -> str:
        if self.mental_health_doctor_id:
            return str(self.mental_health_doctor)
        return self.mental_health_assessor.full_name if self.mental_health_assessor_id else ""

    @property
    def decided_on(self) -> datetime.date | None:
        return timezone.localdate(self.decided_at) if self.decided_at else None


class DolsAssessment(models.Model):
    """One of the six qualifying requirements of Schedule A1, assessed and recorded."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(DolsApplication, on_delete=models.PROTECT, related_name="assessments")
    requirement = models.CharField(max_length=20, choices=categories.Requirement.choices)
    met = models.BooleanField()
    # Who assessed: a worker with an account, or an approved doctor (an external one has none); and who typed it in.
    assessed_by = models.CharField(max_length=20, choices=categories.AssessedBy.choices, blank=True)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    doctor = models.ForeignKey(ApprovedDoctor, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    finding = models.TextField()

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "requirement"], name="one_assessment_per_requirement")
        ]

    def __str__(self) -> str:
        return f"{self.get_requirement_display()} assessment"

    @property
    def assessor_name(self) -> str:
        if self.doctor_id:
            return self.doctor.name
        return self.assessor.full_name if self.assessor_id else ""
