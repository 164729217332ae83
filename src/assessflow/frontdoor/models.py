"""Contacts and referrals: how a council's work comes in at its single front door.

A referral's life is a state machine (see `transitions.py`): it is received, may go
back to the referrer for more information, and is screened once: closed with
information and advice, signposted, screened out with a reason, or put on a waiting list.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager


class Referral(models.Model):
    class Kind(models.TextChoices):
        CONTACT = "contact", "Contact"
        REFERRAL = "referral", "Referral"

    class Channel(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        WALK_IN = "walk_in", "Walk-in"
        ONLINE = "online", "Online form"
        PORTAL = "portal", "Professional portal"
        IMPORT = "import", "Backlog import"

    class Source(models.TextChoices):
        SELF = "self", "The person themselves"
        FAMILY = "family", "Family, friend or neighbour"
        GP = "gp", "GP"
        HOSPITAL_DISCHARGE = "hospital_discharge", "Hospital discharge team"
        HOUSING = "housing", "Housing"
        POLICE = "police", "Police"
        OTHER_PROFESSIONAL = "other_professional", "Other professional"

    class Urgency(models.TextChoices):
        ROUTINE = "routine", "Routine"
        SOON = "soon", "Soon: within a week"
        URGENT = "urgent", "Urgent: today"

    class Status(models.TextChoices):
        RECEIVED = "received", "Waiting for screening"
        INFO_REQUESTED = "info_requested", "More information asked for"
        CLOSED_ADVICE = "closed_advice", "Closed: information and advice given"
        CLOSED_SIGNPOSTED = "closed_signposted", "Closed: signposted"
        SCREENED_OUT = "screened_out", "Screened out"
        WAITING_LIST = "waiting_list", "On a waiting list"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    channel = models.CharField("how it came in", max_length=10, choices=Channel.choices)
    source = models.CharField("who it came from", max_length=20, choices=Source.choices)
    referrer_name = models.CharField("referrer's name", max_length=200, blank=True)
    referrer_contact = models.CharField("referrer's phone or email", max_length=200, blank=True)
    referrer_organisation = models.ForeignKey(
        "tenancy.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals_made"
    )
    route_of_access = models.CharField(
        "route of access", max_length=60, help_text="As the Client Level Data return names it"
    )
    reason = models.TextField("what is happening and what help is asked for")
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    consent_to_referral = models.BooleanField("the person agrees to the referral", default=False)
    consent_to_share_outcome = models.BooleanField(
        "the person agrees the referrer may be told the outcome", default=False
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    screened_at = models.DateTimeField(null=True, blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    screening_reason = models.CharField(max_length=30, blank=True)
    lacks_capacity_to_refuse = models.BooleanField(
        "the person may lack capacity to refuse an assessment", null=True, blank=True
    )
    at_risk_of_abuse = models.BooleanField(
        "the person is experiencing or at risk of abuse or neglect", null=True, blank=True
    )
    screening_note = models.TextField(blank=True)
    submitted_details = models.JSONField(
        default=dict,
        blank=True,
        help_text="The person's details as the referrer gave them; all the referrer sees of the person",
    )
    referrer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the work the referral led to ended in (an agreed assessment's outcome, in plain words), and when.
    outcome = models.TextField("outcome of the work the referral led to", blank=True)
    outcome_on = models.DateField("date of the outcome", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    submission_id = models.UUIDField(unique=True, null=True, editable=False)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [
            models.Index(fields=["council", "status", "received_at"], name="referral_queue"),
            models.Index(fields=["referrer_organisation", "received_at"], name="referral_by_referrer"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    @property
    def reference(self) -> str:
        return f"R{self.pk:07d}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.INFO_REQUESTED)


class InformationRequest(models.Model):
    """The front door asks the referrer for something missing; the referrer answers in the portal."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="information_requests")
    question = models.TextField()
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return f"Question on {self.referral.reference}"
