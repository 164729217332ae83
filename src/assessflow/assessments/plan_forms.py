"""The questions the support plan pages ask: a line of the plan (how a need is met and what it costs), and what is
decided of the plan as a whole."""

import re
from decimal import Decimal

from django import forms

from assessflow import cld
from assessflow.core.forms import GovukDateField, GovukFormMixin

from .models import Frequency, ServiceKind
from .services.plans import CLD_LISTS, FREE_KINDS, MAX_COST_PENCE

# Pounds as people type them: "£25.50", "25.5", "1,200", "1,200.00"; commas only between groups of three digits.
_POUNDS = re.compile(r"^(?P<pounds>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<pence>\d{1,2}))?$")


def pence_from(text: str, label: str = "Cost per unit") -> int:
    """Whole pence from an amount of money typed by a person; a ValidationError naming the field otherwise."""
    typed = text.strip().replace(" ", "")
    if not typed:
        raise forms.ValidationError(f"Enter the {label.lower()}")
    if typed.startswith(("-", "£-", "-£")):
        raise forms.ValidationError(f"{label} cannot be negative")
    typed = typed.removeprefix("£")
    match = _POUNDS.match(typed)
    if not typed or not match or (match["pounds"] is None and match["pence"] is None):
        raise forms.ValidationError(f"{label} must be an amount in pounds and pence, like £25.50")
    pounds = int((match["pounds"] or "0").replace(",", ""))
    pence = int((match["pence"] or "0").ljust(2, "0"))
    return pounds * 100 + pence


class PoundsField(forms.CharField):
    """An amount of money typed in pounds, cleaned to whole pence."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}))
        super().__init__(max_length=20, **kwargs)

    def clean(self, value):
        text = str(value or "").strip()
        if not text and not self.required:
            return None
        if len(text) > 20:
            raise forms.ValidationError(f"{self.label} must be an amount in pounds and pence, like £25.50")
        return pence_from(text, str(self.label or "Amount"))


def _cld_choice(name: str, label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", "Not known yet"), *cld.choices(CLD_LISTS[name])],
        required=False,
        help_text="From the Client Level Data list (Release 2)",
    )


class PlanLineForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="How will the need be met?",
        choices=ServiceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the need will be met"},
    )
    description = forms.CharField(
        label="What will be provided",
        max_length=200,
        required=False,
        help_text="For example, two calls a day to help with washing, dressing and meals",
    )
    provider_name = forms.CharField(label="Provider", max_length=200, required=False)
    starts_on = GovukDateField(label="Start date", help_text="For example, 14 12 2026")
    cost_pence = PoundsField(label="Cost per unit", help_text="In pounds, for example £25.50 an hour")
    frequency = forms.ChoiceField(
        label="How often is it paid?",
        choices=Frequency.choices,
        error_messages={"required": "Choose how often the cost is paid"},
    )
    units = forms.DecimalField(
        label="Planned units",
        help_text="How many units each time: hours a week for home care, 1 for a weekly care home fee or a one-off",
        max_digits=7,
        decimal_places=2,
        error_messages={
            "required": "Enter the planned units",
            "invalid": "Planned units must be a number, like 10 or 7.5",
            "max_decimal_places": "Planned units must have no more than 2 decimal places",
            "max_digits": "Planned units must be 1,000 or fewer",
            "max_whole_digits": "Planned units must be 1,000 or fewer",
        },
    )
    cld_service_type = _cld_choice("cld_service_type", "Service type")
    cld_component = _cld_choice("cld_component", "Service component")
    cld_delivery = _cld_choice("cld_delivery", "Delivery mechanism")
    outcomes = forms.MultipleChoiceField(
        label="Which eligible outcomes does this meet?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the eligible outcomes this meets"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    fieldsets = (
        ("The service", ("kind", "description", "provider_name", "starts_on")),
        ("What it costs", ("cost_pence", "frequency", "units")),
        ("Client Level Data", ("cld_service_type", "cld_component", "cld_delivery")),
        ("The outcomes it meets", ("outcomes",)),
    )

    def __init__(self, *args, outcomes: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].choices = [(key, words[:1].upper() + words[1:]) for key, words in outcomes]

    def clean(self):
        data = super().clean()
        cost, units = data.get("cost_pence"), data.get("units")
        if cost is not None:
            if cost == 0 and data.get("kind") not in FREE_KINDS:
                self.add_error("cost_pence", "Cost per unit must be more than £0")
            elif cost > MAX_COST_PENCE:
                self.add_error("cost_pence", "Cost per unit must be £50,000 or less")
        if units is not None:
            if units <= 0:
                self.add_error("units", "Planned units must be more than 0")
            elif units > Decimal(1000):
                self.add_error("units", "Planned units must be 1,000 or fewer")
        return data

    def values(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class PlanDetailsForm(GovukFormMixin, forms.Form):
    direct_payment = forms.TypedChoiceField(
        label="Will the personal budget be taken as a direct payment?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the personal budget will be taken as a direct payment"},
    )
    carer_willing_and_able = forms.CharField(
        label="Is the carer willing and able to go on caring?",
        help_text=(
            "The eligibility decision ignored the care a carer gives. Say what they are willing and able to go on "
            "doing, so the plan meets only the needs they will not meet."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
