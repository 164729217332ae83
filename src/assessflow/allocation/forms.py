"""Forms for the pool, allocating by hand, asking for suggestions and the council's weights."""

from django import forms

from assessflow.core.forms import GovukDateField, GovukFormMixin
from assessflow.tenancy.models import Team, User
from assessflow.tenancy.roles import Qualification
from assessflow.waiting.models import WorkType

from .constraints import SKILLS
from .models import AllocationSettings, Area, AssessorProfile

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]
QUALIFIED = [q for q in Qualification.values if q != Qualification.UNQUALIFIED]


class ProfileForm(GovukFormMixin, forms.ModelForm):
    skills = forms.MultipleChoiceField(
        choices=list(SKILLS.items()), widget=forms.CheckboxSelectMultiple, required=False
    )
    working_days = forms.TypedMultipleChoiceField(
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the days they work"},
    )
    # Areas belong to a council: their choices are set per form, never at import (no tenant scope then).
    base_area = forms.ModelChoiceField(label="Base", queryset=None, required=False, empty_label="None")
    areas = forms.ModelMultipleChoiceField(
        label="Areas covered", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = AssessorProfile
        fields = ["weekly_slots", "working_days", "skills", "base_area", "areas", "supervisor"]

    def __init__(self, *args, contracted: bool, **kwargs):
        super().__init__(*args, **kwargs)
        council = self.instance.council
        areas = Area.objects.filter(council=council, is_active=True)
        self.fields["base_area"].queryset = areas
        self.fields["areas"].queryset = areas
        self.fields["weekly_slots"].widget.attrs["class"] = "govuk-input govuk-input--width-3"
        self.fields["supervisor"].queryset = (
            User.objects.filter(
                memberships__organisation=council, memberships__qualification__in=QUALIFIED, memberships__is_active=True
            )
            .distinct()
            .order_by("full_name")
        )
        self.fields["supervisor"].help_text = "Needed for an unqualified worker to take reviews"
        self.fee_names = []
        if contracted:
            for work_type in WorkType:
                name = f"fee_{work_type.value}"
                self.fields[name] = forms.DecimalField(
                    label=f"Fee for a {work_type.label.lower()}, £",
                    required=False,
                    min_value=0,
                    decimal_places=2,
                    initial=self._fee(work_type.value),
                    widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-5"}),
                )
                self.fee_names.append(name)

    def _fee(self, work_type: str):
        pence = self.instance.fees.get(work_type)
        return pence / 100 if pence else None

    def clean(self):
        data = super().clean()
        base, covered = data.get("base_area"), data.get("areas")
        if base and covered is not None and base not in covered:
            self.add_error("areas", "Include their base in the areas they cover")
        return data

    def save(self, commit=True):
        profile = super().save(commit=False)
        if self.fee_names:
            profile.fees = {
                name.removeprefix("fee_"): int(self.cleaned_data[name] * 100)
                for name in self.fee_names
                if self.cleaned_data.get(name) is not None
            }
        if commit:
            profile.save()
            self.save_m2m()
        return profile


class AbsenceForm(GovukFormMixin, forms.Form):
    starts_on = GovukDateField(label="Away from")
    ends_on = GovukDateField(label="Back after")
    reason = forms.CharField(label="Reason", max_length=100, required=False, help_text="For example, annual leave")

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The last day away must be on or after the first")
        return data


class AllocateForm(GovukFormMixin, forms.Form):
    assessor = forms.ModelChoiceField(
        label="Assessor",
        queryset=User.objects.none(),
        empty_label="Choose an assessor",
        error_messages={"required": "Select an assessor"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason for this allocation"},
    )

    def __init__(self, *args, assessors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = assessors


class UnallocateForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why withdraw the allocation?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Give the reason for withdrawing the allocation"},
    )


class SuggestForm(GovukFormMixin, forms.Form):
    work_type = forms.ChoiceField(label="Work", choices=[("", "All work"), *WorkType.choices], required=False)
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none(), required=False, empty_label="All teams")

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation=council, is_active=True)


class WeightsForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = AllocationSettings
        fields = [
            "red",
            "amber",
            "green",
            "per_day_waiting",
            "per_travel_minute",
            "continuity",
            "per_pound",
            "in_house_pence",
            "travel_default_minutes",
            "spread_tolerance_pct",
            "over_share_penalty",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-input govuk-input--width-5"


class ConflictForm(GovukFormMixin, forms.Form):
    assessor = forms.ModelChoiceField(
        label="Assessor with a conflict of interest",
        queryset=User.objects.none(),
        empty_label="Choose an assessor",
        error_messages={"required": "Select the assessor"},
    )
    conflict_reason = forms.CharField(
        label="What is the conflict?",
        max_length=200,
        help_text="For example, a relative or neighbour, or a complaint about them",
        error_messages={"required": "Say what the conflict is"},
    )

    def __init__(self, *args, assessors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = assessors


class TravelTimeForm(GovukFormMixin, forms.Form):
    from_area = forms.ModelChoiceField(label="From", queryset=None, error_messages={"required": "Select where from"})
    to_area = forms.ModelChoiceField(label="To", queryset=None, error_messages={"required": "Select where to"})
    minutes = forms.IntegerField(
        label="Minutes", min_value=0, max_value=300, error_messages={"required": "Enter the minutes"}
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        areas = Area.objects.filter(council=council, is_active=True)
        self.fields["from_area"].queryset = areas
        self.fields["to_area"].queryset = areas
        self.fields["minutes"].widget.attrs["class"] = "govuk-input govuk-input--width-3"

    def clean(self):
        data = super().clean()
        if data.get("from_area") and data.get("from_area") == data.get("to_area"):
            self.add_error("to_area", "Choose two different areas")
        return data


class ContractScopeForm(GovukFormMixin, forms.Form):
    contract = forms.ModelChoiceField(
        label="Contract",
        queryset=None,
        empty_label="Choose a contract",
        error_messages={"required": "Select a contract"},
    )
    work_types = forms.MultipleChoiceField(
        label="Work its assessors may take",
        choices=WorkType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="None ticked: every kind of work (DoLS always stays with the council)",
    )

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts


class AreaForm(GovukFormMixin, forms.Form):
    code = forms.RegexField(
        label="Postcode district",
        regex=r"^[A-Za-z]{1,2}[0-9][0-9A-Za-z]?$",
        max_length=4,
        error_messages={"required": "Enter a postcode district", "invalid": "Enter a postcode district, like DB4"},
    )
    name = forms.CharField(label="Name", max_length=100, required=False)
