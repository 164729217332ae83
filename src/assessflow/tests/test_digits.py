"""The one digit rule, as a number or date typed on a form or read from a file meets it."""

import pytest

from assessflow.core import digits


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("943 476 5919", "943 476 5919"),
        ("\uff19\uff14\uff13\u3000\uff14\uff17\uff16", "943 476"),  # full-width digits and space
        ("\ufb01le", "file"),  # compatibility forms that are not digits are folded too
        ("943 476 591\u00b2", "943 476 591\u00b2"),  # a superscript two is kept, to be refused
        ("\u0661\u0669\u0665\u0660", "\u0661\u0669\u0665\u0660"),  # Arabic-Indic digits are kept, to be refused
        ("\u2460", "\u2460"),  # a circled one
        ("", ""),
        (None, ""),
    ],
)
def test_only_full_width_digits_become_ordinary_digits(typed, read):
    assert digits.fold_digits(typed) == read


@pytest.mark.parametrize(("text", "expected"), [("0123456789", True), ("7", True), ("", False), ("12a", False)])
def test_digits_are_0_to_9_and_at_least_one(text, expected):
    assert digits.is_digits(text) is expected


def test_digits_of_other_scripts_are_not_digits():
    assert not digits.is_digits("\u0661\u0669")
    assert not digits.is_digits("\uff19\uff14")  # not until folded


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("943 476 5919", False),
        ("\uff19\uff14\uff13", False),  # read as 943
        ("Flat 2\u00b2", True),
        ("\u0663", True),
        ("\u2460", True),
        ("caf\u00e9", False),  # not a digit at all
    ],
)
def test_other_digits_are_found_after_folding(text, other):
    assert digits.has_other_digits(text) is other
