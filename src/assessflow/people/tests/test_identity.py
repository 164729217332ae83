"""The rules for NHS numbers, names, postcodes and telephone numbers as people type them."""

import pytest

from assessflow.people.identity import (
    NHS_NUMBER_NOT_DIGITS,
    is_valid_nhs_number,
    is_valid_postcode,
    nhs_number_problem,
    normalise_name,
    normalise_nhs_number,
    normalise_postcode,
)
from assessflow.people.phone import tidy_phone_number

# 943 476 5919 as an East Asian keyboard types it.
FULL_WIDTH = "\uff19\uff14\uff13 \uff14\uff17\uff16 \uff15\uff19\uff11\uff19"


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
def test_it_accepts_valid_nhs_numbers_however_they_are_written(number):
    assert is_valid_nhs_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "9434765918",  # wrong check digit
        "943476591",  # too short
        "94347659190",  # too long
        "94347A5919",  # not digits
        "0000000010",  # check digit would be 10: never issued
        "",
    ],
)
def test_it_rejects_invalid_nhs_numbers(number):
    assert not is_valid_nhs_number(number)


def test_a_remainder_of_zero_gives_check_digit_zero():
    # 2x10 + 1x2 = 22, which 11 divides: 11 - 0 = 11, and 11 counts as 0.
    assert is_valid_nhs_number("2000000010")
    assert not is_valid_nhs_number("2000000011")
    assert normalise_nhs_number(" 200 000 0010 ") == "2000000010"


def test_names_match_whatever_the_case_spacing_and_punctuation():
    assert normalise_name("  O'Brien ") == normalise_name("obrien") == normalise_name("O Brien")
    assert normalise_name("Smith-Jones") == normalise_name("smith jones")


def test_postcodes_are_tidied():
    assert normalise_postcode("lu12bq") == "LU1 2BQ"
    assert normalise_postcode(" SW1A   1AA ") == "SW1A 1AA"
    assert is_valid_postcode("sw1a1aa")
    assert not is_valid_postcode("not a postcode")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (FULL_WIDTH, "9434765919"),
        ("943\u3000476\u3000591\uff19", "9434765919"),  # ideographic spaces
        ("943\u2013476\u20135919", "9434765919"),  # the en dashes a word processor makes of hyphens
    ],
)
def test_an_nhs_number_is_stored_as_its_ten_ascii_digits(typed, stored):
    assert is_valid_nhs_number(typed)
    assert normalise_nhs_number(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "943476591\u00b2",  # a superscript two: isdigit() is true of it and int() refuses it
        "\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669",  # Arabic-Indic digits, which int() reads
        "943476591\u2468",  # a circled nine
    ],
)
def test_any_other_kind_of_digit_is_refused_in_words_not_with_an_error(typed):
    assert not is_valid_nhs_number(typed)
    assert nhs_number_problem(typed) == NHS_NUMBER_NOT_DIGITS


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("01632 960 001", "01632 960001"),
        ("07700 900 982", "07700 900982"),
        ("+44 808 157 0192", "0808 157 0192"),
        ("+44 (0)20 7946 0000", "020 7946 0000"),
        ("+33 1 23 45 67 89", "+33 1 23 45 67 89"),
        ("\uff10\uff11\uff15\uff18\uff12 999999", "01582 999999"),
    ],
)
def test_telephone_numbers_are_stored_one_way_that_reads_back_to_itself(typed, stored):
    assert tidy_phone_number(typed) == stored
    assert tidy_phone_number(stored) == stored


@pytest.mark.parametrize(
    "typed", ["9" * 30, "999", "07700 900 982 mobile", "0800 FLOWERS", "0158\u00b2 999999", "not a number"]
)
def test_what_is_not_a_telephone_number_is_refused(typed):
    assert tidy_phone_number(typed) is None
