"""Form fields for who a person is and how to reach them, shared by every form that asks."""

import datetime

from django import forms
from django.utils import timezone

from .identity import NHS_NUMBER_EXAMPLE, OLDEST_LIKELY_AGE, age_on, nhs_number_problem, normalise_nhs_number
from .phone import PHONE_NUMBER_ERROR, tidy_phone_number

NHS_NUMBER_HELP = f"A 10 digit number, like {NHS_NUMBER_EXAMPLE}"
CONFIRM_DATE_OF_BIRTH = "confirm_date_of_birth"


class NhsNumberField(forms.CharField):
    """An NHS number as people write it (485 777 3456, 485-777-3456, full-width digits), cleaned to its 10 digits.

    No maxlength: the spaces and hyphens the hint shows must fit. What is not 10 digits 0 to 9
    passing the NHS check is refused with a message saying why.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "NHS number")
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", NHS_NUMBER_HELP)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"class": "govuk-input--width-10", "inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"}
        )

    def clean(self, value) -> str:
        value = super().clean(value)
        if not value:
            return ""
        problem = nhs_number_problem(value)
        if problem:
            raise forms.ValidationError(problem, code="invalid")
        return normalise_nhs_number(value)


class TelInput(forms.TextInput):
    input_type = "tel"


class PhoneNumberField(forms.CharField):
    """A UK or international telephone number, stored as `people.phone.tidy_phone_number` explains."""

    widget = TelInput

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Phone number")
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"class": "govuk-input govuk-input--width-20", "autocomplete": "tel"})

    def clean(self, value) -> str:
        value = super().clean(value)
        if not value:
            return ""
        tidy = tidy_phone_number(value)
        if tidy is None:
            raise forms.ValidationError(PHONE_NUMBER_ERROR, code="invalid")
        return tidy


def confirm_date_of_birth_field() -> forms.BooleanField:
    """Hidden until a date of birth needs confirming; then a checkbox shown with the error."""
    return forms.BooleanField(required=False, label="I have checked this date of birth", widget=forms.HiddenInput)


def ask_to_confirm_unlikely_age(
    form: forms.Form, *, as_at: datetime.date | None = None, saved: datetime.date | None = None
) -> None:
    """A date of birth that makes the person older than 120 is asked about rather than taken as typed.

    A slip of one digit (1825 for 1925) makes such a date, and legacy systems use dates like
    1 January 1900 for "not known". The form shows a box to tick once the date has been checked;
    a date already saved on the record (`saved`) is not asked about again.
    """
    born = form.cleaned_data.get("date_of_birth")
    if born is None or born == saved:
        return
    age = age_on(born, as_at or timezone.localdate())
    if age <= OLDEST_LIKELY_AGE:
        return
    field = form.fields[CONFIRM_DATE_OF_BIRTH]
    field.widget = forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"})
    if not form.cleaned_data.get(CONFIRM_DATE_OF_BIRTH):
        form.add_error(
            CONFIRM_DATE_OF_BIRTH,
            f"Check the date of birth: it makes the person {age} years old. "
            "If it is right, confirm you have checked it",
        )
