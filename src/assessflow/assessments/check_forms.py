"""The questions of a check (pass, or return with a reason per section) and of the council's assessment settings."""

import re
from decimal import Decimal, InvalidOperation

from django import forms

from assessflow.core.digits import fold_digits
from assessflow.core.forms import GovukFormMixin, check_length_on_the_server
from assessflow.tenancy.roles import Qualification

from .check_selectors import pounds
from .models import AssessmentSettings, Check, Kind
from .services.record import sections_for

REASON_LENGTH = 2000
MAX_THRESHOLD_PENCE = 10_000_000  # £100,000 a week: more is a typing slip
PLAN = ("plan", "Support plan and personal budget")


def reason_sections(assessment) -> list[tuple[str, str]]:
    """The sections a checker can give reasons against: those the assessor records, then the plan."""
    return [*((s.slug, s.title) for s in sections_for(assessment)), PLAN]


def reason_field(section: str) -> str:
    return f"reason_{section}"


class CheckForm(GovukFormMixin, forms.Form):
    """Pass the work, or return it: a reason for each section that needs changing, at least one."""

    outcome = forms.ChoiceField(
        label="Your decision",
        choices=[(Check.Outcome.PASSED, "Pass it"), (Check.Outcome.RETURNED, "Return it to the assessor")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to pass the work or return it"},
    )
    comment = forms.CharField(
        label="Comment for the record",
        max_length=REASON_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the decision and shown on the assessment",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    needed_for_some_answers = ()

    def __init__(self, *args, sections: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        names = []
        for slug, title in sections:
            name = reason_field(slug)
            self.fields[name] = forms.CharField(
                label=f"What needs changing: {title.lower()}",
                max_length=REASON_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "govuk-textarea"}),
            )
            names.append(name)
        # The reasons are asked only under "return it"; a pass keeps none of them.
        self.reveals = {"outcome": {Check.Outcome.RETURNED: tuple(names)}}
        self.needed_for_some_answers = tuple(names)
        for name in names:
            # Added after the mixin styled the form's own fields: checked on the server, as those are.
            check_length_on_the_server(name, self.fields[name])
            self.fields[name].widget.use_required_attribute = lambda initial: False

    def reasons(self) -> dict[str, str]:
        return {slug: self.cleaned_data.get(reason_field(slug), "") for slug, _ in self.sections}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Check.Outcome.RETURNED and not any(r.strip() for r in self.reasons().values()):
            first = reason_field(self.sections[0][0])
            self.add_error(first, "Give a reason for at least one section you are returning")
        return cleaned


def pence_from_pounds(typed: str) -> int:
    """ "£495", "495", "495.00", "£1,250.50" as whole pence; anything else is refused."""
    text = fold_digits(typed).strip().replace(",", "").replace(" ", "")
    text = text.removeprefix("£")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", text):
        raise forms.ValidationError("Enter the threshold in pounds, like £495 or 495.00")
    try:
        pence = int(Decimal(text) * 100)
    except InvalidOperation:
        raise forms.ValidationError("Enter the threshold in pounds, like £495 or 495.00") from None
    if pence > MAX_THRESHOLD_PENCE:
        raise forms.ValidationError(f"The threshold must be {pounds(MAX_THRESHOLD_PENCE)} a week or less")
    return pence


class SettingsForm(GovukFormMixin, forms.ModelForm):
    """Which work goes to quality assurance (nothing chosen: all of it), the panel's threshold and when reviews fall."""

    qa_work_types = forms.MultipleChoiceField(
        label="Kinds of assessment that go to quality assurance",
        help_text="Choose none for every kind",
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    qa_qualifications = forms.MultipleChoiceField(
        label="Assessors whose work goes to quality assurance",
        help_text="Choose none for every assessor. An unqualified worker's work is always signed off by a qualified "
        "worker, and the council signs off contracted work where the contract says so, whatever is chosen here.",
        choices=Qualification.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    panel_threshold = forms.CharField(
        label="Funding panel threshold, pounds a week",
        help_text="A plan for eligible needs costing more than this a week goes to the funding panel",
        max_length=20,
        error_messages={"required": "Enter the funding panel threshold in pounds a week"},
    )
    marks_optional = False

    class Meta:
        model = AssessmentSettings
        fields = ["qa_work_types", "qa_qualifications", "first_review_weeks", "review_interval_months"]
        labels = {
            "first_review_weeks": "First review, weeks after the plan starts",
            "review_interval_months": "Then a review every, in months",
        }
        error_messages = {
            "first_review_weeks": {"required": "Enter how many weeks after the plan starts the first review falls"},
            "review_interval_months": {"required": "Enter how many months apart later reviews fall"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.threshold_before = self.instance.panel_threshold_pence
        self.fields["panel_threshold"].initial = pounds(self.threshold_before)
        self.fields["panel_threshold"].widget.attrs["class"] = "govuk-input govuk-input--width-5"
        self.fields["panel_threshold"].widget.attrs["inputmode"] = "decimal"
        for name, limits in (("first_review_weeks", (1, 52)), ("review_interval_months", (1, 24))):
            field = self.fields[name]
            unit = "weeks" if name == "first_review_weeks" else "months"
            field.widget.attrs["class"] = "govuk-input govuk-input--width-2"
            field.error_messages["invalid"] = f"Enter a whole number of {unit}, like 6"
            field.validators = [_between(*limits, unit)]
        self.order_fields(
            ["qa_work_types", "qa_qualifications", "panel_threshold", "first_review_weeks", "review_interval_months"]
        )

    def clean_panel_threshold(self) -> int:
        return pence_from_pounds(self.cleaned_data["panel_threshold"])

    def save(self, commit: bool = True) -> AssessmentSettings:
        self.instance.panel_threshold_pence = self.cleaned_data["panel_threshold"]
        return super().save(commit=commit)

    @property
    def changed_data(self) -> list[str]:
        changed = [name for name in super().changed_data if name != "panel_threshold"]
        if self.is_bound and self.cleaned_data.get("panel_threshold") != self.threshold_before:
            changed.append("panel_threshold_pence")
        return changed


def _between(low: int, high: int, unit: str):
    def check(value):
        if value is not None and not low <= value <= high:
            raise forms.ValidationError(f"Enter a number of {unit} from {low} to {high}")

    return check
