"""The Release 2 value lists say what the return accepts, and where each one was checked."""

import pytest

from assessflow import cld

WHO_TOOK_PART = ("Carer only", "Service user only", "Service user and carer")


@pytest.mark.parametrize("field", ["method_of_assessment", "method_of_review"])
def test_the_method_says_who_took_part_not_how_they_were_met(field):
    assert cld.values(field) == WHO_TOOK_PART


def test_review_outcomes_are_met_partly_met_or_not_met_with_no_unknown():
    assert cld.values("review_outcomes_achieved") == ("Fully met", "Partially met", "Not met")


def test_every_list_names_where_it_was_checked():
    fields = set(cld.fields())
    for field in fields:
        assert cld.source(field).strip(), f"{field} says nothing about where its values come from"
    assert cld.unverified() <= fields, "only lists that exist can be waiting to be checked"


def test_a_list_checked_against_dhscs_published_code_is_no_longer_marked_unverified():
    assert "delivery_mechanism" not in cld.unverified()
    assert cld.values("delivery_mechanism") == (
        "Direct payment",
        "CASSR managed personal budget",
        "CASSR commissioned support",
    )
    assert "Create_ASCOF_3D_2425_Onwards.sql" in cld.source("delivery_mechanism")


def test_total_hours_caring_is_recorded_as_missing_and_offers_no_made_up_bands():
    assert "total_hrs_caring_per_week" in cld.pending()
    assert "carer's assessment" in cld.pending()["total_hrs_caring_per_week"]
    with pytest.raises(KeyError):
        cld.values("total_hrs_caring_per_week")
