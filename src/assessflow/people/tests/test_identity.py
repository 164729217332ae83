import pytest

from assessflow.people.identity import (
    is_valid_nhs_number,
    is_valid_postcode,
    normalise_name,
    normalise_nhs_number,
    normalise_postcode,
)


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
