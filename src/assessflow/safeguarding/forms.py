"""The safeguarding and DoLS forms. Rules that need the record (the s.42 test, DoLS deadlines) live in services."""

from django import forms

from assessflow.core.forms import GovukDateField, GovukFormMixin, SubmissionIdField, yes_no
from assessflow.tenancy.models import Organisation, Team, User
from assessflow.tenancy.roles import STAFF_ROLES, OrganisationKind
from assessflow.waiting.models import Priority

from .categories import (
    DONT_KNOW,
    Achieved,
    ActionTaken,
    AskedOf,
    Capacity,
    ImmediateAction,
    Risk,
    RiskLocation,
    RiskResult,
    RiskSource,
    RiskType,
)
from .models import Concern, DolsApplication, SafeguardingSettings, StrategyDiscussion


def text(label: str, message: str = "", *, rows: int = 4, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=bool(message),
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message} if message else {},
    )


def radios(label: str, choices, message: str, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, required=required, error_messages={"required": message}
    )


def council_staff(council) -> "forms.QuerySet[User]":
    return (
        User.objects.filter(
            memberships__organisation=council, memberships__role__in=STAFF_ROLES, memberships__is_active=True
        )
        .distinct()
        .order_by("full_name")
    )


class VersionForm(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConcernForm(GovukFormMixin, forms.Form):
    what_happened = text("What happened?", "Describe what happened", rows=6)
    happened_on = GovukDateField(label="When did it happen?", past_only=True, required=False, help_text="If known")
    happened_where = forms.CharField(label="Where did it happen?", max_length=200, required=False)
    person_view = text("What does the adult say about it?", help_text="Their own view, in their words, if known")
    immediate_risk = radios("How great is the risk now?", Risk.choices, "Select how great the risk is now")
    immediate_actions = forms.MultipleChoiceField(
        label="What has already been done to keep them safe?",
        choices=ImmediateAction.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    immediate_action_detail = text("Details of what was done", rows=3)
    raiser_anonymous = yes_no(
        "Do you wish to stay anonymous to the adult?", "Select whether you wish to stay anonymous to the adult"
    )
    submission_id = SubmissionIdField()


class TriageForm(VersionForm):
    risk = radios("Risk at triage", Risk.choices, "Select the level of risk")
    note = text("Triage notes", rows=3)


class DecisionForm(VersionForm):
    # Each part is whether the council has reasonable cause to suspect it (s.42(1)), not whether it is proven.
    has_care_needs = yes_no(
        "Is there reasonable cause to suspect that the adult has needs for care and support?",
        "Answer whether there is reasonable cause to suspect that the adult has needs for care and support",
        help_text="Whether or not the council is meeting any of those needs",
    )
    has_care_needs_reason = text("Why", "Give the reason for this answer", rows=2)
    abuse_or_risk = yes_no(
        "Is there reasonable cause to suspect that the adult is experiencing, or is at risk of, abuse or neglect?",
        "Answer whether there is reasonable cause to suspect that the adult is experiencing, or is at risk of, "
        "abuse or neglect",
    )
    abuse_or_risk_reason = text("Why", "Give the reason for this answer", rows=2)
    unable_to_protect = yes_no(
        "Is there reasonable cause to suspect that, as a result of those needs, the adult is unable to protect "
        "themselves against the abuse or neglect or the risk of it?",
        "Answer whether there is reasonable cause to suspect that the adult is unable to protect themselves",
    )
    unable_to_protect_reason = text("Why", "Give the reason for this answer", rows=2)
    decision = radios("What happens next?", Concern.Decision.choices, "Select what happens next")
    decision_note = text(
        "Reasons, advice or referral",
        help_text="For an other enquiry, why; for no further action, the advice, signposting or referral made",
    )
    lead = forms.ModelChoiceField(
        label="Who leads the enquiry?",
        queryset=User.objects.none(),
        required=False,
        empty_label="Choose",
        help_text="Needed for an enquiry",
    )
    refer_for_assessment = forms.ChoiceField(
        label="Add a needs assessment to the waiting list?",
        choices=[("", "No"), *Priority.choices],
        required=False,
        help_text="Choose the priority to add one",
    )
    reveals = {"decision": {Concern.Decision.NO_FURTHER_ACTION: ("refer_for_assessment",)}}
    needed_for_some_answers = ("decision_note", "lead")
    fieldsets = (
        ("Section 42(1), part 1", ("has_care_needs", "has_care_needs_reason")),
        ("Section 42(1), part 2", ("abuse_or_risk", "abuse_or_risk_reason")),
        ("Section 42(1), part 3", ("unable_to_protect", "unable_to_protect_reason")),
        ("Decision", ("decision", "decision_note", "lead", "refer_for_assessment")),
    )
    ANSWERS = tuple(n for _, names in fieldsets[:3] for n in names)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = council_staff(council)


class EnquiryForm(VersionForm):
    caused_partner = forms.CharField(
        label="Partner caused to make enquiries",
        required=False,
        max_length=200,
        help_text="Leave blank if the council makes the enquiries itself. The council keeps the decision",
    )
    named_workers = forms.ModelMultipleChoiceField(
        label="Other workers named on the case",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They can open this enquiry",
    )
    outcomes_asked = yes_no(
        "Was the adult, or their representative, asked what outcomes they want?", "", required=False
    )
    outcomes_asked_of = radios("Who was asked?", AskedOf.choices, "", required=False)
    outcomes_expressed = yes_no("Did they say what outcomes they want?", "", required=False)
    desired_outcomes = text("What they want to happen", help_text="In their words")
    capacity = radios(
        "Does the adult have capacity for the decisions in question?", Capacity.choices, "", required=False
    )
    capacity_decisions = text("Which decisions", rows=2)
    substantial_difficulty = yes_no("Would the adult have substantial difficulty being involved?", "", required=False)
    appropriate_person = yes_no(
        "Is there an appropriate person to support them?",
        "",
        required=False,
        help_text="If not, an independent advocate is needed (Care Act s.68)",
    )
    advocate = forms.CharField(label="Independent advocate", max_length=200, required=False)
    # Outer questions first: what they said is asked only once they were asked.
    reveals = {
        "outcomes_asked": {"yes": ("outcomes_asked_of", "outcomes_expressed")},
        "outcomes_expressed": {"yes": ("desired_outcomes",)},
        "appropriate_person": {"no": ("advocate",)},
    }
    fieldsets = (
        ("Who works on it", ("caused_partner", "named_workers")),
        (
            "Making Safeguarding Personal",
            ("outcomes_asked", "outcomes_asked_of", "outcomes_expressed", "desired_outcomes"),
        ),
        (
            "Capacity and advocacy",
            ("capacity", "capacity_decisions", "substantial_difficulty", "appropriate_person", "advocate"),
        ),
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["named_workers"].queryset = council_staff(council)


class StrategyForm(GovukFormMixin, forms.Form):
    kind = radios("Discussion or meeting", StrategyDiscussion.Kind.choices, "Select a discussion or a meeting")
    held_on = GovukDateField(label="Date held", past_only=True)
    attendees = text("Who took part", "List who took part", rows=3)
    decisions = text("What was decided", "Record what was decided")
    submission_id = SubmissionIdField()


class ProtectionActionForm(GovukFormMixin, forms.Form):
    action = forms.CharField(label="Action", max_length=180, error_messages={"required": "Describe the action"})
    owner = forms.ModelChoiceField(
        label="Who owns it", queryset=User.objects.none(), error_messages={"required": "Select who owns the action"}
    )
    due_on = GovukDateField(label="Due by")
    submission_id = SubmissionIdField()

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = council_staff(council)


class ConcludeForm(VersionForm):
    risk_types = forms.MultipleChoiceField(
        label="Type of risk", choices=RiskType.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    risk_location = forms.ChoiceField(
        label="Location of risk", choices=[("", "Choose"), *RiskLocation.choices], required=False
    )
    risk_source = radios("Source of risk", RiskSource.choices, "", required=False)
    action_taken = radios("Action taken", ActionTaken.choices, "Select the action taken")
    risk_result = radios("Result for the risk", RiskResult.choices, "", required=False)
    outcomes_asked = forms.TypedChoiceField(
        label="Was the adult, or their representative, asked what outcomes they want?",
        choices=[("yes", "Yes"), ("no", "No"), (DONT_KNOW, "Don't know")],
        coerce=lambda v: {"yes": True, "no": False}.get(v, v),
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the adult or their representative was asked what outcomes they want"},
        help_text="Don't know: the council cannot tell, for example from a partner's enquiry",
    )
    outcomes_asked_of = radios("Who was asked?", AskedOf.choices, "", required=False)
    outcomes_expressed = yes_no("Did they express outcomes they want?", "", required=False)
    desired_outcomes = text("What they wanted")
    outcomes_achieved = radios("Were those outcomes achieved?", Achieved.choices, "", required=False)
    no_advocate_reason = text(
        "Why was no independent advocate appointed?",
        rows=3,
        help_text="Only where the enquiry says an advocate is needed (s.68) and none is appointed",
    )
    conclusion = text("What the enquiry found and what was done", "Summarise what the enquiry found and what was done")
    fieldsets = (
        ("Findings", ("risk_types", "risk_location", "risk_source", "action_taken", "risk_result")),
        (
            "Making Safeguarding Personal",
            ("outcomes_asked", "outcomes_asked_of", "outcomes_expressed", "desired_outcomes", "outcomes_achieved"),
        ),
        ("Advocacy", ("no_advocate_reason",)),
        ("Summary", ("conclusion",)),
    )
    reveals = {
        "outcomes_asked": {"yes": ("outcomes_asked_of", "outcomes_expressed")},
        "outcomes_expressed": {"yes": ("desired_outcomes", "outcomes_achieved")},
    }


class DolsRequestForm(GovukFormMixin, forms.Form):
    managing_authority = forms.CharField(
        label="Care home or hospital (the managing authority)",
        max_length=200,
        error_messages={"required": "Enter the care home or hospital"},
    )
    setting = radios(
        "Is it a care home or a hospital?", DolsApplication.Setting.choices, "Select a care home or hospital"
    )
    managing_authority_organisation = forms.ModelChoiceField(
        label="Its account in Assessflow",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="None",
        help_text="If it has one, reminders reach it there",
    )
    reasons = text("Why the managing authority asks for an authorisation", "Enter why it asks for an authorisation")
    urgent = yes_no(
        "Has it already given an urgent authorisation?", "Select whether it has given an urgent authorisation"
    )
    urgent_given_on = GovukDateField(label="Date the urgent authorisation was given", past_only=True)
    urgent_days = forms.IntegerField(
        label="For how many days",
        min_value=1,
        max_value=7,
        help_text="Up to 7 days",
        error_messages={
            "required": "Enter for how many days it was given, from 1 to 7",
            "min_value": "An urgent authorisation lasts from 1 to 7 days",
            "max_value": "An urgent authorisation lasts from 1 to 7 days",
        },
    )
    submission_id = SubmissionIdField()
    reveals = {"urgent": {"yes": ("urgent_given_on", "urgent_days")}}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managing_authority_organisation"].queryset = Organisation.objects.filter(
            council=council, kind=OrganisationKind.REFERRER, is_active=True
        )


class PortalDolsForm(DolsRequestForm):
    """The managing authority's own request: it is the care home or hospital, so it does not name itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, council=None, **kwargs)
        del self.fields["managing_authority"]
        del self.fields["managing_authority_organisation"]
        self.fields["setting"].label = "Are you a care home or a hospital?"
        self.fields["reasons"].label = "Why do you ask for an authorisation?"
        self.fields["urgent"].label = "Have you given an urgent authorisation?"


class CloseForm(VersionForm):
    reason = radios("Why is it closed?", DolsApplication.CloseReason.choices, "Select why it is closed")
    note = text("Notes", rows=3)


class ReviewForm(VersionForm):
    reason = text("Why is a review asked for?", "Say why a review is asked for", rows=3)


class SettingsForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = SafeguardingSettings
        fields = [
            "safeguarding_teams",
            "dols_teams",
            "triage_working_days",
            "decision_working_days",
            "renewal_reminder_days",
        ]
        widgets = {"safeguarding_teams": forms.CheckboxSelectMultiple, "dols_teams": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        teams = Team.objects.filter(organisation=self.instance.council, is_active=True)
        self.fields["safeguarding_teams"].queryset = teams
        self.fields["dols_teams"].queryset = teams
        self.fields["safeguarding_teams"].label = "Safeguarding teams"
        self.fields["dols_teams"].label = "DoLS teams"
        for name in ("triage_working_days", "decision_working_days", "renewal_reminder_days"):
            self.fields[name].widget.attrs["class"] = "govuk-input govuk-input--width-3"
