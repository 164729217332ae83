"""Pure rules for identifying a person: NHS numbers, names and postcodes as people type them."""

import re

_NHS_WEIGHTS = range(10, 1, -1)
_SPACES = re.compile(r"\s+")
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")


def normalise_nhs_number(raw: str) -> str:
    """Digits only: people write NHS numbers as 943 476 5919 or 943-476-5919."""
    return re.sub(r"[\s-]", "", raw or "")


def is_valid_nhs_number(raw: str) -> bool:
    """The NHS modulus-11 check on a ten-digit number."""
    number = normalise_nhs_number(raw)
    if len(number) != 10 or not number.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:9], _NHS_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(number[9])


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
