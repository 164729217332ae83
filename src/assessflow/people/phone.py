"""Telephone numbers as people type them: checked as UK or international numbers, and stored one way."""

import phonenumbers

from assessflow.core.digits import fold_digits, has_other_digits

PHONE_NUMBER_ERROR = "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
STORED_LENGTH = 30  # the column's size
# Ofcom keeps these UK ranges for drama and examples (GOV.UK's own hint uses them); the library
# does not list them as in use, but they are well formed and training records hold them.
_EXAMPLE_RANGES = ("1632960", "7700900")


def _is_real(number: phonenumbers.PhoneNumber) -> bool:
    if phonenumbers.is_valid_number(number):
        return True
    national = str(number.national_number)
    return number.country_code == 44 and len(national) == 10 and national.startswith(_EXAMPLE_RANGES)


def tidy_phone_number(raw: str) -> str | None:
    """The number as it is stored, or None when the text is not a UK or an international telephone number.

    Stored as it is dialled and read aloud: a UK number in its national format (07700 900982), any
    other in its international format with its +country code (+33 1 23 45 67 89). Nearly every
    number a council holds is a UK one, which caseworkers dial from UK phones and read out to
    people, so it is kept as people know it rather than as +447700900982; only UK numbers start
    with 0, so the two forms never clash, and a stored number reads back to itself unchanged.
    Letters are refused (other than an extension, like "ext 21"): a note such as "mobile" or a
    vanity number would otherwise be dropped or turned into digits without a word.
    """
    text = fold_digits(raw).strip()
    if not text or has_other_digits(text):
        return None
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return None
    if any(char.isalpha() for char in text) and not number.extension:
        return None
    if not _is_real(number):
        return None
    style = phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 44 else None
    tidy = phonenumbers.format_number(number, style or phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return tidy if len(tidy) <= STORED_LENGTH else None
