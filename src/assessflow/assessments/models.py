"""Assessments: what was found (needs, a carer's needs, the determination), the support plan that meets the eligible
needs with its personal budget, and the checks the work passes on the way to an agreed outcome."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager


class Kind(models.TextChoices):
    """The work an assessment is: the waiting-list work types an assessor starts from their caseload."""

    NEEDS = "needs_assessment", "Needs assessment"
    CARERS = "carers_assessment", "Carer's assessment"
    REASSESSMENT = "reassessment", "Reassessment"
    OCCUPATIONAL_THERAPY = "occupational_therapy", "Occupational therapy assessment"


# Who the eligibility rules treat the subject as: an adult with needs for care and support (reg 2) or a carer (reg 3).
CARER_KINDS = frozenset({Kind.CARERS})


class Method(models.TextChoices):
    """How the assessment was carried out (Client Level Data "method of assessment", with the council's own detail)."""

    IN_PERSON = "in_person", "Face to face"
    PHONE = "phone", "By phone"
    VIDEO = "video", "By video call"
    SUPPORTED_SELF = "supported_self", "Supported self-assessment"


class Term(models.TextChoices):
    """Client Level Data: whether the assessment was for short-term or long-term support."""

    SHORT = "short_term", "Short term (reablement or other short-term support)"
    LONG = "long_term", "Long term"


class Assessment(models.Model):
    """One assessment of one person, started from an allocated waiting-list entry and carried to an agreed outcome.

    `answers` is the eligibility description (`eligibility.adult` or `eligibility.carer` keyword arguments), so the
    determination is always the rules' reading of what was recorded; `determination` is that reading, stored when
    the assessment is submitted, with the reasons the person is sent."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        WITH_QA = "with_qa", "With quality assurance"
        RETURNED = "returned", "Returned for changes"
        WITH_SIGN_OFF = "with_sign_off", "Waiting for sign-off"
        WITH_PANEL = "with_panel", "With the funding panel"
        REPLAN = "replan", "Returned by the panel to re-plan"
        AGREED = "agreed", "Outcome agreed"
        CLOSED = "closed", "Closed without an outcome"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="assessments")
    entry = models.OneToOneField("waiting.WaitingListEntry", on_delete=models.PROTECT, related_name="assessment")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    combined = models.BooleanField(
        "combined with the cared-for person's assessment", default=False, help_text="Both people agreed (s.10)"
    )
    cared_for = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carers_assessments",
        help_text="For a carer's assessment: the adult they care for, whether or not that adult is eligible",
    )
    # Who does the work, and for which organisation (the council's own staff, or a provider's under a contract).
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments")
    organisation = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    contract = models.ForeignKey("tenancy.Contract", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(default=timezone.now)

    # How it was done and who took part (s.9, s.67, the Client Level Data event).
    method = models.CharField(max_length=20, choices=Method.choices, blank=True)
    term = models.CharField("short or long term", max_length=20, choices=Term.choices, blank=True)
    took_part = models.JSONField(default=list, blank=True, help_text="Who took part: person, carer, family, advocate")
    substantial_difficulty = models.BooleanField(
        "the person has substantial difficulty in being involved", null=True, blank=True
    )
    appropriate_person = models.CharField("an appropriate person who can support them", max_length=200, blank=True)
    advocate = models.CharField("independent advocate (s.67)", max_length=200, blank=True)
    capacity_to_take_part = models.TextField("the person's capacity to take part", blank=True)
    what_matters = models.TextField("what matters to the person", blank=True)
    strengths = models.TextField("strengths and abilities", blank=True)
    networks = models.TextField("their own networks and community support", blank=True)

    answers = models.JSONField(default=dict, blank=True)
    carer = models.JSONField(
        default=dict,
        blank=True,
        help_text="A carer's assessment's further answers: willing and able to go on, hours a week, adults cared for",
    )
    determination = models.JSONField(default=dict, blank=True)
    professional_judgement = models.TextField(
        "professional judgement", blank=True, help_text="Read beside the determination by quality assurance"
    )
    # Where no needs are eligible, the person still leaves with written reasons, information and advice (s.13(5))
    # and what is offered to prevent or delay needs (s.2).
    advice_given = models.TextField("information and advice given", blank=True)
    prevention_offer = models.TextField("what was offered to prevent or delay needs", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["council", "status"], name="assessment_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.person_id}"

    @property
    def is_carers(self) -> bool:
        return self.kind in CARER_KINDS

    @property
    def eligible(self) -> bool | None:
        return self.determination.get("eligible") if self.determination else None


class Draft(models.Model):
    """What a user had typed into a section and not yet saved, kept as they type so a closed tab or an expired
    session loses nothing. One per user and section; `base_version` is the assessment's version when they began."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="drafts")
    section = models.CharField(max_length=40)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    base_version = models.PositiveIntegerField()
    saved_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(council="council")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "section", "user"], name="one_draft_per_section_and_user")
        ]

    def __str__(self) -> str:
        return f"Draft of {self.section} on assessment {self.assessment_id}"


class Check(models.Model):
    """One decision of quality assurance or sign-off on an assessment: passed, or returned with reasons per section.
    Kept for good, so the assessment carries its history."""

    class Stage(models.TextChoices):
        PROVIDER_QA = "provider_qa", "Provider's quality assurance"
        COUNCIL_QA = "council_qa", "Council's quality assurance"
        COUNCIL_SIGN_OFF = "council_sign_off", "Council sign-off"
        QUALIFIED_SIGN_OFF = "qualified_sign_off", "Sign-off by a qualified worker"

    class Outcome(models.TextChoices):
        PASSED = "passed", "Passed"
        RETURNED = "returned", "Returned"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="checks")
    stage = models.CharField(max_length=30, choices=Stage.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reasons = models.JSONField(default=dict, blank=True, help_text="{section: why it is returned}")
    comment = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.outcome}"


class SupportPlan(models.Model):
    """How the eligible needs will be met, and the personal budget that costs it (Care Act ss.24 to 26)."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="support_plans")
    assessment = models.OneToOneField(Assessment, null=True, blank=True, on_delete=models.PROTECT, related_name="plan")
    imported_from = models.ForeignKey(
        "waiting.WaitingListEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="A package a backlog file described, carried into a plan so it can be reviewed",
    )
    is_current = models.BooleanField(default=False, help_text="The plan in force for the person")
    starts_on = models.DateField(null=True, blank=True)
    direct_payment = models.BooleanField("taken as a direct payment", default=False)
    # The person's assessed contribution, in pence a week; None until the financial assessment is done.
    contribution_pence = models.PositiveIntegerField(null=True, blank=True)
    carer_willing_and_able = models.TextField("whether the carer is willing and able to go on caring", blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ScopedManager(council="council")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(is_current=True), name="one_current_plan_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"Support plan for {self.person_id}"


class Frequency(models.TextChoices):
    WEEK = "week", "a week"
    FOUR_WEEKS = "four_weeks", "every four weeks"
    MONTH = "month", "a month"
    YEAR = "year", "a year"
    ONCE = "once", "once"


class ServiceKind(models.TextChoices):
    HOME_CARE = "home_care", "Home care"
    DAY_OPPORTUNITIES = "day_opportunities", "Day opportunities"
    DIRECT_PAYMENT = "direct_payment", "Direct payment"
    EQUIPMENT = "equipment", "Equipment and adaptations"
    CARE_HOME = "care_home", "Care home"
    CARER_SUPPORT = "carer_support", "Support for a carer"
    REABLEMENT = "reablement", "Reablement"
    TECHNOLOGY = "technology", "Technology-enabled care"
    COMMUNITY = "community", "Community and universal services"


class PlanLine(models.Model):
    """One way an eligible need will be met: the service, who provides it, from when, and what it costs."""

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=30, choices=ServiceKind.choices)
    description = models.CharField(max_length=200, blank=True)
    provider_name = models.CharField("provider", max_length=200, blank=True)
    starts_on = models.DateField()
    cost_pence = models.PositiveIntegerField("cost per unit, in pence")
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.WEEK)
    units = models.DecimalField("planned units", max_digits=7, decimal_places=2, default=1)
    cld_service_type = models.CharField("service type (Client Level Data)", max_length=100, blank=True)
    cld_component = models.CharField("service component (Client Level Data)", max_length=100, blank=True)
    cld_delivery = models.CharField("delivery mechanism (Client Level Data)", max_length=100, blank=True)
    outcomes = models.JSONField(default=list, blank=True, help_text="The eligible outcomes this line meets")
    started_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on plan {self.plan_id}"


class PanelDecision(models.Model):
    """The funding panel's decision on a plan over the council's threshold. A panel cannot leave eligible needs
    unmet, so there is no plain "decline": it approves, approves with changes, or returns the plan to re-plan."""

    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved"
        APPROVED_WITH_CHANGES = "approved_with_changes", "Approved with changes"
        RETURNED = "returned", "Returned to re-plan"

    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="panel_decisions")
    weekly_cost_pence = models.PositiveIntegerField(help_text="The plan's weekly cost the panel saw")
    decision = models.CharField(max_length=30, choices=Decision.choices)
    changes = models.TextField(blank=True)
    reasons = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"Panel: {self.decision} on assessment {self.assessment_id}"


class AssessmentSettings(models.Model):
    """What each council decides: which work needs quality assurance, the panel's threshold, when reviews fall."""

    council = models.OneToOneField("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    qa_work_types = models.JSONField(
        default=list, blank=True, help_text="Kinds of assessment that go to quality assurance; empty: every kind"
    )
    qa_qualifications = models.JSONField(
        default=list, blank=True, help_text="Assessor qualifications whose work goes to quality assurance; empty: all"
    )
    panel_threshold_pence = models.PositiveIntegerField(
        "funding panel threshold, pence a week", default=49_500, help_text="Plans costing more go to panel"
    )
    first_review_weeks = models.PositiveSmallIntegerField("first review, weeks after the plan starts", default=6)
    review_interval_months = models.PositiveSmallIntegerField("then a review every, in months", default=12)

    objects = ScopedManager(council="council")

    def __str__(self) -> str:
        return f"Assessment settings for {self.council}"
