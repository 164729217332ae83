"""Pure rules for identifying a person: NHS numbers, names and postcodes as people type them."""

import datetime
import re

from assessflow.core.digits import fold_digits, is_digits

_NHS_WEIGHTS = range(10, 1, -1)
# Spaces, and hyphens and the dashes a word processor turns them into.
_NHS_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]")
NHS_NUMBER_EXAMPLE = "485 777 3456"
NHS_NUMBER_NOT_DIGITS = f"Enter the NHS number using the digits 0 to 9, like {NHS_NUMBER_EXAMPLE}"
NHS_NUMBER_NOT_TEN = f"NHS number must be 10 digits, like {NHS_NUMBER_EXAMPLE}"
# The example above is not a real NHS number (it fails the check), so this message does not repeat it.
NHS_NUMBER_NOT_VALID = "Enter a valid NHS number: check the digits against a letter or prescription"
_SPACES = re.compile(r"\s+")
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")


def normalise_nhs_number(raw: str) -> str:
    """The number as stored: people write 943 476 5919 or 943-476-5919, some keyboards type full-width digits.

    Anything else (a letter, a superscript) is kept, so the check refuses it rather than a match miss it.
    """
    return _NHS_SEPARATORS.sub("", fold_digits(raw))


def nhs_number_problem(raw: str) -> str | None:
    """What is wrong with a typed NHS number, in the words a form shows; None when it is a valid one."""
    number = normalise_nhs_number(raw)
    if not is_digits(number):
        return NHS_NUMBER_NOT_DIGITS
    if len(number) != 10:
        return NHS_NUMBER_NOT_TEN
    # The NHS modulus-11 check.
    total = sum(int(digit) * weight for digit, weight in zip(number[:9], _NHS_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return None if check != 10 and check == int(number[9]) else NHS_NUMBER_NOT_VALID


def is_valid_nhs_number(raw: str) -> bool:
    """Ten digits 0 to 9 (written with spaces or hyphens or not) that pass the NHS modulus-11 check."""
    return nhs_number_problem(raw) is None


def format_nhs_number(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 10 else number


def normalise_name(raw: str) -> str:
    """A key for matching names whatever their case, spacing, hyphens or apostrophes."""
    collapsed = _SPACES.sub(" ", (raw or "").strip()).casefold()
    return re.sub(r"[\s'\u2019\-.]", "", collapsed)


def tidy_name(raw: str) -> str:
    """The name as it should be stored: single spaces, no outer spaces; the case as typed."""
    return _SPACES.sub(" ", (raw or "").strip())


def normalise_postcode(raw: str) -> str:
    """'sw1a1aa' and 'SW1A  1AA' both become 'SW1A 1AA'; anything unrecognised is kept, upper-cased."""
    compact = _SPACES.sub("", (raw or "").upper())
    match = _POSTCODE.match(compact)
    return f"{match.group(1)} {match.group(2)}" if match else _SPACES.sub(" ", (raw or "").strip().upper())


def is_valid_postcode(raw: str) -> bool:
    return bool(_POSTCODE.match(_SPACES.sub("", (raw or "").upper())))


OLDEST_LIKELY_AGE = 120  # older than this, a date of birth is a slip or a placeholder until someone checks it


def age_on(born: datetime.date, day: datetime.date) -> int:
    """Age in whole years on `day`; a 29 February birthday counts from 1 March in other years."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
