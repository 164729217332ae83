"""The pathway event table: one typed row for every transition of every piece of work.

KPIs, waiting times, the Client Level Data return and the capacity planner read this
table only. Rows are facts: written once, in the same transaction as the transition,
and never changed. Each carries when it happened (business time: the server's clock for a
live action, the file's date for imported history, the generator's for demo data) and when
it was recorded; every figure counts from when it happened.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager


class EventType(models.TextChoices):
    CONTACT_RECORDED = "contact_recorded", "Contact recorded"
    REFERRAL_RECEIVED = "referral_received", "Referral received"
    INFORMATION_REQUESTED = "information_requested", "More information asked of the referrer"
    INFORMATION_RECEIVED = "information_received", "Referrer answered"
    SCREENED = "screened", "Screening decision"
    WAITING_LIST_ADDED = "waiting_list_added", "Added to a waiting list"
    REPRIORITISED = "reprioritised", "Priority changed"
    KEPT_IN_TOUCH = "kept_in_touch", "Keep-in-touch contact"
    ALLOCATED = "allocated", "Allocated"
    UNALLOCATED = "unallocated", "Allocation withdrawn"
    ASSESSMENT_STARTED = "assessment_started", "Assessment started"
    ASSESSMENT_COMPLETED = "assessment_completed", "Assessment completed"
    ASSESSMENT_SUBMITTED = "assessment_submitted", "Assessment submitted for checks"
    ELIGIBILITY_DETERMINED = "eligibility_determined", "Eligibility determined"
    QA_PASSED = "qa_passed", "Quality assurance passed"
    QA_RETURNED = "qa_returned", "Returned by quality assurance"
    PANEL_DECIDED = "panel_decided", "Funding panel decision"
    PLAN_AGREED = "plan_agreed", "Support plan agreed"
    SERVICE_STARTED = "service_started", "Service started"
    SERVICE_ENDED = "service_ended", "Service ended"
    REVIEW_COMPLETED = "review_completed", "Review completed"
    CLOSED = "closed", "Closed"
    CONCERN_RAISED = "concern_raised", "Safeguarding concern raised"
    CONCERN_TRIAGED = "concern_triaged", "Safeguarding concern triaged"
    SAFEGUARDING_DECIDED = "safeguarding_decided", "Safeguarding decision"
    ENQUIRY_STARTED = "enquiry_started", "Safeguarding enquiry started"
    ENQUIRY_CONCLUDED = "enquiry_concluded", "Safeguarding enquiry concluded"
    DOLS_REQUESTED = "dols_requested", "DoLS authorisation requested"
    DOLS_URGENT_EXTENDED = "dols_urgent_extended", "DoLS urgent authorisation extended"
    DOLS_SCREENED = "dols_screened", "DoLS request screened"
    DOLS_DECIDED = "dols_decided", "DoLS decision"
    DOLS_CLOSED = "dols_closed", "DoLS request closed"
    DOLS_REVIEW_REQUESTED = "dols_review_requested", "DoLS review requested"


class PathwayEventError(Exception):
    """Raised on any attempt to change or remove a pathway event."""


class PathwayEvent(models.Model):
    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    # Ids, not foreign keys: this table sits below the apps whose rows it describes.
    person_id = models.BigIntegerField()
    work_item_type = models.CharField(max_length=60)
    work_item_id = models.CharField(max_length=40)
    event_type = models.CharField(max_length=30, choices=EventType.choices)
    occurred_at = models.DateTimeField(default=timezone.now, help_text="When it happened: every figure uses this.")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False, help_text="When the row was written.")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_role = models.CharField(max_length=30, blank=True)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    reason_code = models.CharField(max_length=40, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["occurred_at", "pk"]
        indexes = [
            models.Index(fields=["council", "event_type", "occurred_at"], name="pathway_council_type_at"),
            models.Index(fields=["work_item_type", "work_item_id", "occurred_at"], name="pathway_work_item_at"),
            models.Index(fields=["person_id", "occurred_at"], name="pathway_person_at"),
        ]

    def __str__(self) -> str:
        when = f"{self.occurred_at:%Y-%m-%d %H:%M}"
        return f"{self.get_event_type_display()} {self.work_item_type}:{self.work_item_id} at {when}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PathwayEventError("Pathway events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PathwayEventError("Pathway events cannot be deleted.")
