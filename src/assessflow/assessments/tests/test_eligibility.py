"""Every branch of regs 2 and 3 of SI 2015/313, and the reasons a person reads, clause by clause."""

import json

import pytest
from django.core.management import CommandError, call_command

from assessflow.assessments.eligibility import (
    ADULT_OUTCOMES,
    CARER_OUTCOMES,
    AnswersRefused,
    Way,
    adult,
    carer,
    determine,
)

TWO_UNMET = {"nutrition": [Way.WITHOUT_ASSISTANCE], "toilet_needs": [Way.PAIN_OR_DISTRESS]}


def test_an_adult_unable_to_achieve_two_outcomes_with_a_significant_impact_is_eligible():
    result = adult(impairment_or_illness=True, outcomes=TWO_UNMET, significant_impact=True)
    assert result.eligible
    assert [c.met for c in result.clauses] == [True, True, True]
    assert result.unmet_outcomes == ["nutrition", "toilet_needs"]
    assert result.clauses[1].reason == (
        "Because of the needs, the adult is unable to achieve 2 outcomes: managing and maintaining nutrition "
        "(unable to achieve it without assistance); managing toilet needs (able to without assistance, but it "
        "causes significant pain, distress or anxiety)."
    )
    assert result.summary == "The needs meet the eligibility criteria"


def test_needs_related_to_an_illness_are_worded_as_arising_from_or_related_to_it():
    result = adult(impairment_or_illness=True, outcomes=TWO_UNMET, significant_impact=True)
    assert result.clauses[0].reference == "reg 2(1)(a)"
    assert "arise from or are related to a physical or mental impairment or illness" in result.clauses[0].reason


def test_needs_not_related_to_an_impairment_or_illness_are_not_eligible():
    result = adult(impairment_or_illness=False, outcomes=TWO_UNMET, significant_impact=True)
    assert not result.eligible
    assert [c.met for c in result.clauses] == [False, True, True]
    assert "do not arise from, and are not related to" in result.clauses[0].reason


def test_a_single_unmet_outcome_is_not_enough_for_an_adult():
    result = adult(impairment_or_illness=True, outcomes={"clothing": [Way.SLOWLY]}, significant_impact=True)
    assert not result.eligible
    assert result.clauses[1].reason == (
        "The adult is unable to achieve only one outcome (being appropriately clothed (able to without assistance, "
        "but it takes significantly longer than would normally be expected)); the regulations need two or more."
    )


def test_an_adult_who_achieves_everything_is_not_eligible_and_is_told_why():
    result = adult(impairment_or_illness=True, outcomes={"nutrition": []}, significant_impact=True)
    assert not result.eligible and result.unmet_outcomes == []
    assert "able to achieve every outcome in reg 2(2)" in result.clauses[1].reason


@pytest.mark.parametrize("way", [Way.WITHOUT_ASSISTANCE, Way.PAIN_OR_DISTRESS, Way.ENDANGERS, Way.SLOWLY])
def test_each_of_the_four_ways_counts_for_an_adult(way):
    result = adult(
        impairment_or_illness=True, outcomes={"nutrition": [way], "home_safely": [way]}, significant_impact=True
    )
    assert result.eligible


def test_danger_to_others_counts_and_is_named():
    result = adult(
        impairment_or_illness=True,
        outcomes={"home_safely": [Way.ENDANGERS], "caring_for_child": [Way.ENDANGERS]},
        significant_impact=True,
    )
    assert result.eligible
    assert "endanger the health or safety of the adult or of others" in result.clauses[1].reason


def test_without_a_significant_impact_on_wellbeing_the_needs_are_not_eligible():
    result = adult(impairment_or_illness=True, outcomes=TWO_UNMET, significant_impact=False)
    assert not result.eligible
    assert [c.met for c in result.clauses] == [True, True, False]
    assert "does not find a significant impact on the adult's wellbeing" in result.clauses[2].reason


def test_the_wellbeing_areas_affected_are_named_in_the_acts_order():
    result = adult(
        impairment_or_illness=True,
        outcomes=TWO_UNMET,
        significant_impact=True,
        wellbeing={"relationships": "Isolated since her husband died", "dignity": "Cannot wash without help"},
    )
    reason = result.clauses[2].reason
    assert reason.index("personal dignity") < reason.index("domestic, family and personal relationships")


def test_care_a_carer_already_gives_is_ignored():
    """An adult whose carer meets every need today: the answers say what they cannot do without that care."""
    every_outcome = {key: [Way.WITHOUT_ASSISTANCE] for key in ADULT_OUTCOMES}
    result = adult(impairment_or_illness=True, outcomes=every_outcome, significant_impact=True, carer_meets_needs=True)
    assert result.eligible
    assert len(result.unmet_outcomes) == 10
    assert any("not taken into account" in note for note in result.notes)


def test_fluctuating_needs_record_the_period_considered():
    result = adult(
        impairment_or_illness=True,
        outcomes=TWO_UNMET,
        significant_impact=True,
        fluctuating=True,
        period_considered="the last 3 months, including two relapses",
    )
    assert result.notes == ["The needs fluctuate: the answers describe the circumstances over the last 3 months, "
                            "including two relapses."]  # fmt: skip
    with pytest.raises(AnswersRefused, match="record the period"):
        adult(impairment_or_illness=True, outcomes=TWO_UNMET, significant_impact=True, fluctuating=True)


def test_a_period_typed_as_a_sentence_reads_inside_the_note():
    def note(period: str) -> str:
        kept = adult(
            impairment_or_illness=True,
            outcomes=TWO_UNMET,
            significant_impact=True,
            fluctuating=True,
            period_considered=period,
        )
        return kept.notes[0]

    assert note("The last 3 months").endswith("circumstances over the last 3 months.")
    assert note("March to May").endswith("circumstances over March to May.")


def test_unknown_outcomes_ways_and_areas_are_refused_by_name():
    with pytest.raises(AnswersRefused, match="Not an outcome in the regulations for an adult: gardening"):
        adult(impairment_or_illness=True, outcomes={"gardening": [Way.SLOWLY]}, significant_impact=True)
    with pytest.raises(AnswersRefused, match="'sometimes' is not a way"):
        adult(impairment_or_illness=True, outcomes={"nutrition": ["sometimes"]}, significant_impact=True)
    with pytest.raises(AnswersRefused, match="Not a wellbeing area"):
        adult(impairment_or_illness=True, outcomes=TWO_UNMET, significant_impact=True, wellbeing={"mood": "low"})
    with pytest.raises(AnswersRefused, match="recreation"):  # a carer's outcome, not an adult's
        adult(impairment_or_illness=True, outcomes={"recreation": [Way.WITHOUT_ASSISTANCE]}, significant_impact=True)


def test_a_carer_unable_to_achieve_one_outcome_with_a_significant_impact_is_eligible():
    result = carer(
        caring_for_adult=True,
        health_deteriorating_or_at_risk=False,
        outcomes={"work_training": [Way.WITHOUT_ASSISTANCE]},
        significant_impact=True,
    )
    assert result.eligible
    assert result.clauses[1].reason == (
        "Because of the needs, the carer is unable to achieve: engaging in work, training, education or "
        "volunteering (unable to achieve it without assistance)."
    )


def test_a_carers_deteriorating_health_is_enough_on_its_own():
    result = carer(caring_for_adult=True, health_deteriorating_or_at_risk=True, outcomes={}, significant_impact=True)
    assert result.eligible
    assert "health is, or is at risk of, deteriorating" in result.clauses[1].reason


def test_a_carer_whose_only_difficulty_is_time_is_not_eligible():
    """Reg 3(3) has three ways: taking significantly longer is not one of them."""
    result = carer(
        caring_for_adult=True,
        health_deteriorating_or_at_risk=False,
        outcomes={key: [Way.SLOWLY] for key in CARER_OUTCOMES},
        significant_impact=True,
    )
    assert not result.eligible
    assert result.unmet_outcomes == []
    assert "able to achieve every outcome in reg 3(2)(b)" in result.clauses[1].reason
    assert any("not one of the ways a carer" in note for note in result.notes)


def test_a_carer_endangering_others_counts_and_is_named():
    result = carer(
        caring_for_adult=True,
        health_deteriorating_or_at_risk=False,
        outcomes={"caring_for_child": [Way.ENDANGERS]},
        significant_impact=True,
    )
    assert result.eligible
    assert "health or safety of the carer or of others" in result.clauses[1].reason


def test_a_carer_not_providing_necessary_care_or_without_significant_impact_is_not_eligible():
    unmet = {"recreation": [Way.PAIN_OR_DISTRESS]}
    assert not carer(
        caring_for_adult=False, health_deteriorating_or_at_risk=True, outcomes=unmet, significant_impact=True
    ).eligible
    result = carer(
        caring_for_adult=True, health_deteriorating_or_at_risk=True, outcomes=unmet, significant_impact=False
    )
    assert not result.eligible and [c.met for c in result.clauses] == [True, True, False]
    assert [c.reference for c in result.clauses] == ["reg 3(1)(a)", "reg 3(1)(b)", "reg 3(1)(c)"]


def test_an_adult_outcome_is_not_a_carers():
    with pytest.raises(AnswersRefused, match="for a carer: toilet_needs"):
        carer(
            caring_for_adult=True,
            health_deteriorating_or_at_risk=False,
            outcomes={"toilet_needs": [Way.WITHOUT_ASSISTANCE]},
            significant_impact=True,
        )


def test_a_json_description_gives_the_same_determination():
    description = {
        "kind": "adult",
        "impairment_or_illness": True,
        "outcomes": {"nutrition": ["without_assistance"], "toilet_needs": ["pain_or_distress"]},
        "significant_impact": True,
    }
    assert determine(description) == adult(impairment_or_illness=True, outcomes=TWO_UNMET, significant_impact=True)
    with pytest.raises(AnswersRefused, match='"kind" must be'):
        determine({"kind": "child"})
    with pytest.raises(AnswersRefused, match="does not fit reg 3"):
        determine({"kind": "carer", "impairment_or_illness": True})


def test_the_command_prints_each_determination_as_json(tmp_path, capsys):
    path = tmp_path / "cases.json"
    path.write_text(
        json.dumps(
            [
                {"kind": "adult", "impairment_or_illness": True, "outcomes": TWO_UNMET, "significant_impact": True},
                {
                    "kind": "carer",
                    "caring_for_adult": True,
                    "health_deteriorating_or_at_risk": False,
                    "outcomes": {"recreation": ["slowly"]},
                    "significant_impact": True,
                },
            ]
        )
    )
    call_command("eligibility", "--json", str(path))
    printed = json.loads(capsys.readouterr().out)
    assert [p["eligible"] for p in printed] == [True, False]
    assert printed[0]["clauses"][0] == {
        "reference": "reg 2(1)(a)",
        "met": True,
        "reason": "The needs arise from or are related to a physical or mental impairment or illness.",
    }


def test_the_command_names_the_assessment_it_cannot_read(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            [{"kind": "adult", "impairment_or_illness": True, "outcomes": {"x": []}, "significant_impact": True}]
        )
    )
    with pytest.raises(CommandError, match="Assessment 1: Not an outcome"):
        call_command("eligibility", "--json", str(path))
    path.write_text("{not json")
    with pytest.raises(CommandError, match="is not JSON"):
        call_command("eligibility", "--json", str(path))
