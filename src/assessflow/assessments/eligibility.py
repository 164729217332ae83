"""The eligibility determination for adults (reg 2) and carers (reg 3) of the Care and Support (Eligibility Criteria)
Regulations 2015 (SI 2015/313): pure functions of the recorded answers, with the reasons clause by clause.

What the regulations say, as docs/law-and-rules.md sets out:
- An adult's needs are eligible when (a) they arise from or are related to a physical or mental impairment or
  illness; (b) because of them the adult is unable to achieve two or more of the ten outcomes in reg 2(2); and
  (c) as a consequence there is, or is likely to be, a significant impact on the adult's wellbeing.
- "Unable to achieve" an outcome (reg 2(3)) is one of four ways: unable without assistance; able without
  assistance but with significant pain, distress or anxiety; able without assistance but this endangers or is
  likely to endanger the health or safety of the adult or of others; able without assistance but taking
  significantly longer than would normally be expected.
- A carer's needs are eligible when (a) they arise as a consequence of providing necessary care for an adult;
  (b) because of them the carer's physical or mental health is, or is at risk of, deteriorating, or the carer is
  unable to achieve any of the eight outcomes in reg 3(2); and (c) as a consequence there is, or is likely to be,
  a significant impact on the carer's wellbeing. For a carer there are three ways (reg 3(3)): no "takes
  significantly longer".
- Where needs fluctuate (regs 2(4), 3(4)), the assessor records the period over which they were considered, and
  the answers describe the person's circumstances over that period.
- Care that a carer already gives is ignored: the answers say what the person can achieve without it; whether
  the carer goes on giving it is decided when the plan is made.

The determination is the rules' alone: an assessor may add a professional judgement with reasons, which quality
assurance reads beside it, but cannot change the result.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class Way(StrEnum):
    """How someone is unable to achieve an outcome (reg 2(3); for carers reg 3(3), which has no SLOWLY)."""

    WITHOUT_ASSISTANCE = "without_assistance"
    PAIN_OR_DISTRESS = "pain_or_distress"
    ENDANGERS = "endangers"
    SLOWLY = "slowly"


WAY_WORDS = {
    Way.WITHOUT_ASSISTANCE: "unable to achieve it without assistance",
    Way.PAIN_OR_DISTRESS: "able to without assistance, but it causes significant pain, distress or anxiety",
    Way.ENDANGERS: "able to without assistance, but it endangers or is likely to endanger the health or safety",
    Way.SLOWLY: "able to without assistance, but it takes significantly longer than would normally be expected",
}


ADULT_WAYS = (Way.WITHOUT_ASSISTANCE, Way.PAIN_OR_DISTRESS, Way.ENDANGERS, Way.SLOWLY)
CARER_WAYS = (Way.WITHOUT_ASSISTANCE, Way.PAIN_OR_DISTRESS, Way.ENDANGERS)

# Reg 2(2), in the regulation's order.
ADULT_OUTCOMES = {
    "nutrition": "managing and maintaining nutrition",
    "personal_hygiene": "maintaining personal hygiene",
    "toilet_needs": "managing toilet needs",
    "clothing": "being appropriately clothed",
    "home_safely": "being able to make use of the home safely",
    "habitable_home": "maintaining a habitable home environment",
    "relationships": "developing and maintaining family or other personal relationships",
    "work_training": "accessing and engaging in work, training, education or volunteering",
    "community_services": (
        "making use of necessary facilities or services in the local community, including public transport and "
        "recreational facilities or services"
    ),
    "caring_for_child": "carrying out any caring responsibilities for a child",
}

# Reg 3(2)(b), in the regulation's order.
CARER_OUTCOMES = {
    "caring_for_child": "carrying out any caring responsibilities for a child",
    "caring_for_others": "providing care to other persons for whom the carer provides care",
    "habitable_home": "maintaining a habitable home environment in the carer's home",
    "nutrition": "managing and maintaining nutrition",
    "relationships": "developing and maintaining family or other personal relationships",
    "work_training": "engaging in work, training, education or volunteering",
    "community_services": (
        "making use of necessary facilities or services in the local community, including recreational facilities "
        "or services"
    ),
    "recreation": "engaging in recreational activities",
}

# Care Act 2014 s.1(2), in the Act's order.
WELLBEING_AREAS = {
    "dignity": "personal dignity (including treatment with respect)",
    "health": "physical and mental health and emotional wellbeing",
    "protection": "protection from abuse and neglect",
    "control": "control over day-to-day life (including the care and support provided and the way it is provided)",
    "participation": "participation in work, education, training or recreation",
    "social_economic": "social and economic wellbeing",
    "relationships": "domestic, family and personal relationships",
    "accommodation": "suitability of living accommodation",
    "contribution": "contribution to society",
}

ADULT_OUTCOMES_NEEDED = 2  # reg 2(1)(b): "two or more"


class AnswersRefused(ValueError):
    """Answers the rules cannot be applied to: an unknown outcome, way or wellbeing area, or a period not given."""


@dataclass(frozen=True)
class Clause:
    reference: str  # "reg 2(1)(a)"
    met: bool
    reason: str


@dataclass(frozen=True)
class Determination:
    eligible: bool
    clauses: list[Clause]
    unmet_outcomes: list[str] = field(default_factory=list)  # the outcomes' keys, in the regulation's order
    notes: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return f"The needs {'meet' if self.eligible else 'do not meet'} the eligibility criteria"

    def as_dict(self) -> dict:
        return {
            "eligible": self.eligible,
            "summary": self.summary,
            "clauses": [{"reference": c.reference, "met": c.met, "reason": c.reason} for c in self.clauses],
            "unmet_outcomes": self.unmet_outcomes,
            "notes": self.notes,
        }


def _unmet(
    outcomes: dict[str, list[str]], known: dict[str, str], ways: tuple[Way, ...], who: str
) -> dict[str, list[Way]]:
    """{outcome: the ways it is not achieved}, in the regulation's order; an outcome with no way is achieved."""
    unknown = set(outcomes) - set(known)
    if unknown:
        raise AnswersRefused(f"Not an outcome in the regulations for {who}: {', '.join(sorted(unknown))}")
    found = {}
    for key in known:
        chosen = []
        for value in outcomes.get(key) or []:
            try:
                way = Way(value)
            except ValueError:
                raise AnswersRefused(f"{value!r} is not a way of being unable to achieve an outcome") from None
            if way in ways:
                chosen.append(way)  # a way the regulation does not list for `who` does not count (see `carer`)
        if chosen:
            found[key] = sorted(set(chosen), key=ways.index)
    return found


def _listed(unmet: dict[str, list[Way]], known: dict[str, str], whose: str) -> str:
    """Each outcome not achieved, with the ways: "managing toilet needs (unable to achieve it without assistance)"."""

    def words(way: Way) -> str:
        return WAY_WORDS[way] + (f" of {whose} or of others" if way is Way.ENDANGERS else "")

    return "; ".join(f"{known[key]} ({' and '.join(map(words, ways))})" for key, ways in unmet.items())


def _wellbeing_clause(reference: str, significant_impact: bool, impacts: dict[str, str], who: str) -> Clause:
    unknown = set(impacts) - set(WELLBEING_AREAS)
    if unknown:
        raise AnswersRefused(f"Not a wellbeing area of Care Act s.1(2): {', '.join(sorted(unknown))}")
    areas = [WELLBEING_AREAS[key] for key in WELLBEING_AREAS if impacts.get(key)]
    if significant_impact:
        where = f", in particular on {'; '.join(areas)}" if areas else ""
        reason = f"As a consequence there is, or is likely to be, a significant impact on {who} wellbeing{where}."
    else:
        reason = f"The assessment does not find a significant impact on {who} wellbeing as a consequence of the needs."
    return Clause(reference, significant_impact, reason)


def _fluctuating_note(fluctuating: bool, period: str) -> list[str]:
    if not fluctuating:
        return []
    if not period.strip():
        raise AnswersRefused("Where needs fluctuate, record the period over which they were considered")
    return [f"The needs fluctuate: the answers describe the circumstances over {_mid_sentence(period.strip())}."]


def _mid_sentence(period: str) -> str:
    """ "The last 3 months" read inside the note's sentence; a month's or a place's capital stays."""
    first, _, rest = period.partition(" ")
    return f"{first.lower()} {rest}".strip() if first in ("The", "Last", "Over", "Since", "From", "Past") else period


def adult(
    *,
    impairment_or_illness: bool,
    outcomes: dict[str, list[str]],
    significant_impact: bool,
    wellbeing: dict[str, str] | None = None,
    fluctuating: bool = False,
    period_considered: str = "",
    carer_meets_needs: bool = False,
) -> Determination:
    """Reg 2. `outcomes`: {outcome key: the ways (Way values) the adult is unable to achieve it}; `wellbeing`:
    {area key: what the impact is}; `carer_meets_needs` is recorded and ignored, as the regulations require."""
    unmet = _unmet(outcomes, ADULT_OUTCOMES, ADULT_WAYS, "an adult")
    notes = _fluctuating_note(fluctuating, period_considered)
    if carer_meets_needs:
        notes.append(
            "A carer meets some or all of these needs today. That care is not taken into account in deciding "
            "eligibility; whether the carer is willing and able to go on is considered when the plan is made."
        )
    a = Clause(
        "reg 2(1)(a)",
        impairment_or_illness,
        "The needs arise from or are related to a physical or mental impairment or illness."
        if impairment_or_illness
        else "The needs do not arise from, and are not related to, a physical or mental impairment or illness.",
    )
    count, listed = len(unmet), _listed(unmet, ADULT_OUTCOMES, "the adult")
    if count >= ADULT_OUTCOMES_NEEDED:
        b_reason = f"Because of the needs, the adult is unable to achieve {count} outcomes: {listed}."
    elif count == 1:
        b_reason = f"The adult is unable to achieve only one outcome ({listed}); the regulations need two or more."
    else:
        b_reason = (
            "The adult is able to achieve every outcome in reg 2(2); the regulations need two or more they cannot."
        )
    b = Clause("reg 2(1)(b)", count >= ADULT_OUTCOMES_NEEDED, b_reason)
    c = _wellbeing_clause("reg 2(1)(c)", significant_impact, wellbeing or {}, "the adult's")
    clauses = [a, b, c]
    return Determination(all(x.met for x in clauses), clauses, list(unmet), notes)


def carer(
    *,
    caring_for_adult: bool,
    health_deteriorating_or_at_risk: bool,
    outcomes: dict[str, list[str]],
    significant_impact: bool,
    wellbeing: dict[str, str] | None = None,
    fluctuating: bool = False,
    period_considered: str = "",
) -> Determination:
    """Reg 3. Whether the person cared for is eligible does not matter: a carer's needs are decided on their own."""
    unmet = _unmet(outcomes, CARER_OUTCOMES, CARER_WAYS, "a carer")
    notes = _fluctuating_note(fluctuating, period_considered)
    if any(Way.SLOWLY in (ways or []) for ways in outcomes.values()):
        notes.append(
            "Taking significantly longer than would normally be expected is not one of the ways a carer is unable "
            "to achieve an outcome (reg 3(3)), so it is not counted."
        )
    a = Clause(
        "reg 3(1)(a)",
        caring_for_adult,
        "The needs arise as a consequence of providing necessary care for an adult."
        if caring_for_adult
        else "The needs do not arise as a consequence of providing necessary care for an adult.",
    )
    reasons = []
    if health_deteriorating_or_at_risk:
        reasons.append("the carer's physical or mental health is, or is at risk of, deteriorating")
    if unmet:
        reasons.append(f"the carer is unable to achieve: {_listed(unmet, CARER_OUTCOMES, 'the carer')}")
    if reasons:
        b_reason = "Because of the needs, " + ", and ".join(reasons) + "."
    else:
        b_reason = (
            "The carer's health is not deteriorating or at risk of it, and they are able to achieve every outcome in "
            "reg 3(2)(b)."
        )
    b = Clause("reg 3(1)(b)", bool(reasons), b_reason)
    c = _wellbeing_clause("reg 3(1)(c)", significant_impact, wellbeing or {}, "the carer's")
    clauses = [a, b, c]
    return Determination(all(x.met for x in clauses), clauses, list(unmet), notes)


def determine(description: dict) -> Determination:
    """A determination from a JSON description: {"kind": "adult" or "carer", and the keyword arguments above}."""
    kind = description.get("kind")
    arguments = {key: value for key, value in description.items() if key != "kind"}
    rules: dict[str, Callable[..., Determination]] = {"adult": adult, "carer": carer}
    if kind not in rules:
        raise AnswersRefused('"kind" must be "adult" or "carer"')
    rule = rules[kind]
    try:
        return rule(**arguments)
    except TypeError as error:
        raise AnswersRefused(f"The description does not fit reg {2 if kind == 'adult' else 3}: {error}") from None
