"""How names, NHS numbers and ages are shown and stored once typed: the small rules a caseworker reads every day."""

import datetime

import pytest
from django import forms

from assessflow.people.fields import CONFIRM_DATE_OF_BIRTH, ask_to_confirm_unlikely_age
from assessflow.people.identity import (
    age_on,
    format_nhs_number,
    is_valid_postcode,
    normalise_name,
    normalise_postcode,
    tidy_name,
)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("9434765919", "943 476 5919"), ("4010232137", "401 023 2137"), ("94347659", "94347659"), ("", "")],
)
def test_an_nhs_number_is_shown_in_three_groups_only_when_it_has_ten_digits(stored, shown):
    assert format_nhs_number(stored) == shown


def test_an_eleven_character_value_is_shown_as_it_is():
    assert format_nhs_number("94347659190") == "94347659190"


@pytest.mark.parametrize(
    ("typed", "stored"), [("  Mary   Ann  ", "Mary Ann"), ("O'Brien", "O'Brien"), ("", ""), (None, "")]
)
def test_a_name_is_stored_with_single_spaces_and_its_case_as_typed(typed, stored):
    assert tidy_name(typed) == stored


def test_names_match_whatever_their_case_spacing_hyphens_or_apostrophes():
    assert normalise_name("O\u2019Brien-Smith") == normalise_name(" obrien  smith ") == "obriensmith"
    assert normalise_name(None) == normalise_name("") == ""


def test_an_empty_postcode_is_neither_valid_nor_an_error():
    assert normalise_postcode(None) == normalise_postcode("") == ""
    assert not is_valid_postcode(None)
    assert normalise_postcode(" sw1a1aa ") == "SW1A 1AA"
    # Anything unrecognised is kept as typed, upper-cased, for someone to check.
    assert normalise_postcode("  flat  b ") == "FLAT B"


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (datetime.date(1940, 5, 17), datetime.date(2026, 5, 16), 85),
        (datetime.date(1940, 5, 17), datetime.date(2026, 5, 17), 86),
        (datetime.date(1940, 5, 17), datetime.date(2026, 4, 30), 85),
        (datetime.date(1940, 2, 29), datetime.date(2027, 2, 28), 86),
        (datetime.date(1940, 2, 29), datetime.date(2027, 3, 1), 87),
    ],
)
def test_age_counts_whole_years_and_a_leap_day_birthday_from_1_march(born, day, age):
    assert age_on(born, day) == age


class DateOfBirthForm(forms.Form):
    date_of_birth = forms.DateField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[CONFIRM_DATE_OF_BIRTH] = forms.BooleanField(required=False)

    def clean(self):
        cleaned = super().clean()
        ask_to_confirm_unlikely_age(self, as_at=datetime.date(2026, 6, 1))
        return cleaned


def test_a_date_of_birth_making_someone_120_is_taken_and_121_is_asked_about():
    assert DateOfBirthForm({"date_of_birth": "1906-06-01"}).is_valid()  # 120 today
    older = DateOfBirthForm({"date_of_birth": "1905-06-01"})  # 121 today
    assert not older.is_valid()
    assert "it makes the person 121 years old" in older.errors[CONFIRM_DATE_OF_BIRTH][0]
    assert DateOfBirthForm({"date_of_birth": "1905-06-01", CONFIRM_DATE_OF_BIRTH: "on"}).is_valid()
