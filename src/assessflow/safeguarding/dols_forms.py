"""The forms of a DoLS request's steps: screening, the assessors, each assessment, the extension and the decision.

Who may be named and who may sign is checked by the services, which name the field at fault.
"""

from django import forms
from django.utils import timezone

from assessflow.core.forms import GovukDateField, GovukFormMixin
from assessflow.tenancy.models import Team, User

from . import dols_priority
from .categories import ASSESSED_BY, AssessedBy, DoctorApproval, RepresentativeKind, Requirement
from .doctors import ApprovedDoctor
from .forms import VersionForm, council_staff, radios, text, yes_no
from .services.dols_assessors import approved_doctors


class ExtendForm(VersionForm):
    days = forms.IntegerField(
        label="Extend by how many days?",
        help_text="Once only, by up to 7 days",
        error_messages={"required": "Enter how many days, from 1 to 7"},
    )
    reasons = text(
        "Why is the extension needed?",
        "Give the reasons for the extension",
        rows=3,
        help_text="The exceptional reasons the request for a standard authorisation is not yet decided",
    )


class DolsScreenForm(VersionForm):
    criteria = forms.MultipleChoiceField(
        label="Which of the screening criteria does the request meet?",
        help_text=f"From the {dols_priority.TOOL}. The request takes the highest priority among those you select",
        choices=dols_priority.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the screening criteria the request meets"},
    )
    note = text("Anything else the screening found", rows=3)
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none(), required=False, empty_label="No team yet")

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation=council, is_active=True)


class AssessorsForm(VersionForm):
    best_interests_assessor = forms.ModelChoiceField(
        label="Best interests assessor",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not yet",
        help_text="A worker of the council approved as a best interests assessor",
    )
    mental_health_assessor = forms.ModelChoiceField(
        label="Mental health assessor",
        queryset=ApprovedDoctor.objects.none(),
        required=False,
        empty_label="Not yet",
        help_text="A doctor approved for the role, whose approval is current",
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["best_interests_assessor"].queryset = council_staff(council)
        self.fields["mental_health_assessor"].queryset = approved_doctors(council, timezone.localdate())


class AssessmentForm(GovukFormMixin, forms.Form):
    """One of the six assessments. Who may make it, and what follows "met", depend on which it is."""

    assessed_by = radios("Who carried out the assessment?", AssessedBy.choices, "Select who carried out the assessment")
    met = yes_no("Is the requirement met?", "Select whether the requirement is met")
    finding = text("What the assessment found", "Record what the assessment found")
    recommended_months = forms.IntegerField(
        label="Longest period the best interests assessor recommends, in months",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
        min_value=1,
        max_value=12,
        help_text="From 1 to 12",
        error_messages={
            "required": "Enter the longest period the assessor recommends, from 1 to 12 months",
            "min_value": "Enter from 1 to 12 months",
            "max_value": "Enter from 1 to 12 months",
        },
    )
    recommended_conditions = text("Conditions the best interests assessor recommends", rows=3)

    def __init__(self, *args, requirement: str, **kwargs):
        if requirement == Requirement.BEST_INTERESTS:
            self.reveals = {"met": {"yes": ("recommended_months", "recommended_conditions")}}
        super().__init__(*args, **kwargs)
        self.requirement = requirement
        self.assessors = sorted(ASSESSED_BY[requirement])
        if len(self.assessors) == 1:
            del self.fields["assessed_by"]  # only one assessor may make it: nothing to ask
        else:
            self.fields["assessed_by"].choices = [c for c in AssessedBy.choices if c[0] in self.assessors]
        if requirement != Requirement.BEST_INTERESTS:
            del self.fields["recommended_months"], self.fields["recommended_conditions"]

    @property
    def assessment(self) -> dict:
        """The answers as the service takes them, naming the requirement and, where only one may, the assessor."""
        return {"requirement": self.requirement, "assessed_by": self.assessors[0], **self.cleaned_data}


class DolsDecisionForm(VersionForm):
    grant = yes_no("Authorise the deprivation of liberty?", "Select whether to authorise it")
    months = forms.IntegerField(
        label="For how many months",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
        min_value=1,
        max_value=12,
        help_text="From 1 to 12, and no longer than the best interests assessor recommends",
        error_messages={
            "required": "Enter how many months the authorisation lasts, from 1 to 12",
            "min_value": "Enter from 1 to 12 months",
            "max_value": "An authorisation lasts at most 12 months",
        },
    )
    conditions = text("Conditions", help_text="Having regard to those the best interests assessor recommends")
    representative_name = forms.CharField(
        label="Relevant person's representative",
        max_length=200,
        help_text="Appointed with the authorisation (Schedule A1, Part 10)",
        error_messages={"required": "Enter the name of the relevant person's representative"},
    )
    representative_kind = radios(
        "Is the representative family or a friend, or paid?",
        RepresentativeKind.choices,
        "Select whether the representative is family or a friend, or paid",
    )
    representative_contact = forms.CharField(label="Representative's contact details", max_length=300, required=False)
    reason = text("Why is it not authorised?", "Say why it is not authorised")
    reveals = {
        "grant": {
            "yes": ("months", "conditions", "representative_name", "representative_kind", "representative_contact"),
            "no": ("reason",),
        }
    }


class ApprovedDoctorForm(GovukFormMixin, forms.Form):
    name = forms.CharField(label="Full name", max_length=200, error_messages={"required": "Enter the doctor's name"})
    gmc_number = forms.RegexField(
        label="GMC reference number",
        regex=r"^\d{7}$",
        error_messages={"required": "Enter the GMC reference number", "invalid": "Enter the 7-digit GMC number"},
    )
    approval = radios("Approved as", DoctorApproval.choices, "Select what the doctor is approved as")
    approval_reference = forms.CharField(
        label="Approval reference", max_length=100, required=False, help_text="The section 12 approval number, if any"
    )
    organisation = forms.CharField(
        label="Employed or commissioned through",
        max_length=200,
        error_messages={"required": "Enter who employs or commissions the doctor"},
    )
    approval_ends_on = GovukDateField(
        label="Approval ends on",
        help_text="The end of the approval, or of the mental health assessor training's currency",
    )
    user = forms.ModelChoiceField(
        label="Their account, for a doctor on the council's staff",
        queryset=User.objects.none(),
        required=False,
        empty_label="None: an external assessor",
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = council_staff(council)
