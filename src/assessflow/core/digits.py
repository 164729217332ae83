"""The one rule for digits, wherever a number or a date is read from what someone typed or imported.

Python's int() and str.isdigit() accept far more than 0 to 9: isdigit() is true of a superscript
'²', which int() then refuses (a server error), and int() reads Arabic-Indic '٣' as 3, so such
text would be stored as typed and never match the same number written in ordinary digits.

The rule: text is put in Unicode NFKC form, which makes the full-width digits, spaces and
punctuation of East Asian keyboards their ordinary ASCII selves (U+FF19 becomes '9'). Any other
numeric character is kept exactly as typed, so the check that follows refuses it with a clear
message: superscripts, subscripts and circled digits (NFKC would quietly turn '²' into '2',
changing what a footnote mark or a pasted exponent meant into a digit nobody typed) and the
digits of other scripts (which NFKC leaves alone). Only 0 to 9 are digits after that.
"""

import re
import unicodedata

DIGITS_ONLY = re.compile(r"[0-9]+")  # never \d, which matches every script's digits


def _fold(char: str) -> str:
    if char.isascii():
        return char
    folded = unicodedata.normalize("NFKC", char)
    if char.isnumeric() and not (unicodedata.category(char) == "Nd" and len(folded) == 1 and folded.isascii()):
        return char
    return folded


def fold_digits(raw: str) -> str:
    """The text with full-width digits, spaces and punctuation made ASCII; any other kind of digit kept as typed."""
    raw = raw or ""
    return raw if raw.isascii() else "".join(map(_fold, raw))


def is_digits(text: str) -> bool:
    """Only 0 to 9, at least one of them."""
    return DIGITS_ONLY.fullmatch(text) is not None


def has_other_digits(text: str) -> bool:
    """Whether the text holds a digit or number that is not 0 to 9 once folded (a superscript, '٣', '①')."""
    return any(char.isnumeric() and not char.isascii() for char in fold_digits(text))
