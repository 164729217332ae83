"""The GOV.UK date input pattern's validation messages."""

import datetime

import pytest
from django import forms

from assessflow.forms import GovukDateField, GovukFormMixin


class DateForm(GovukFormMixin, forms.Form):
    date_of_birth = GovukDateField(label="Date of birth", past_only=True)


def errors_for(day, month, year):
    form = DateForm({"date_of_birth_0": day, "date_of_birth_1": month, "date_of_birth_2": year})
    form.is_valid()
    return form.errors.get("date_of_birth", [])


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date of birth"),
        ("", "3", "1950", "Date of birth must include a day"),
        ("1", "", "", "Date of birth must include a month and year"),
        ("31", "2", "1950", "Date of birth must be a real date"),
        ("1", "1", "50", "Date of birth must be a real date"),
        ("x", "1", "1950", "Date of birth must be a real date"),
        ("1", "1", "2999", "Date of birth must be in the past"),
    ],
)
def test_it_explains_what_is_wrong(day, month, year, message):
    assert errors_for(day, month, year) == [message]


def test_it_accepts_a_real_date():
    form = DateForm({"date_of_birth_0": "7", "date_of_birth_1": "3", "date_of_birth_2": "1947"})
    assert form.is_valid()
    assert form.cleaned_data["date_of_birth"] == datetime.date(1947, 3, 7)


def test_the_summary_links_to_the_first_input_and_each_input_shows_the_error():
    form = DateForm({"date_of_birth_0": "", "date_of_birth_1": "3", "date_of_birth_2": "1950"})
    form.is_valid()
    assert form.error_summary() == [{"href": "#id_date_of_birth_0", "message": "Date of birth must include a day"}]
    assert str(form["date_of_birth"]).count("govuk-input--error") == 3
