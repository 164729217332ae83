"""The DoLS screening criteria, after the ADASS priority tool (revised 2024): each criterion sets a priority.

The tool sorts requests into high, medium and low priority by what the managing authority's
request shows; the screener ticks every criterion the request meets and the request takes the
highest priority among them. The criteria are kept here as data, not typed in as free text, so a
screening says which of them it relied on and the council's figures can count them. They are
written in our own words after the tool's published structure: a council checks them against its
copy of the tool and changes this table, never the code that reads it.
"""

from dataclasses import dataclass

from .categories import Risk

TOOL = "ADASS priority tool for DoLS requests (revised 2024)"


@dataclass(frozen=True)
class Criterion:
    code: str
    priority: str
    label: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion("urgent", Risk.HIGH, "An urgent authorisation is in force"),
    Criterion(
        "objecting",
        Risk.HIGH,
        "The person objects to being there or to their care, or keeps trying to leave, and the objection is sustained",
    ),
    Criterion(
        "restraint",
        Risk.HIGH,
        "Physical restraint is part of the care plan or is used often, rather than rarely and in an emergency",
    ),
    Criterion("medication", Risk.HIGH, "Medication is given covertly, or used to sedate or to manage behaviour"),
    Criterion(
        "restrictions",
        Risk.HIGH,
        "Restrictions go beyond what is usual for the setting (such as one-to-one or two-to-one support all day)",
    ),
    Criterion(
        "dispute",
        Risk.HIGH,
        "Family, friends or an advocate dispute the placement or the care, or a challenge in court is likely",
    ),
    Criterion(
        "new_placement",
        Risk.HIGH,
        "A new or unplanned placement, or a move made because of a safeguarding concern",
    ),
    Criterion(
        "unsettled",
        Risk.MEDIUM,
        "Not yet settled: some distress or occasional attempts to leave, without a sustained objection",
    ),
    Criterion(
        "occasional_intervention",
        Risk.MEDIUM,
        "Physical intervention or medication as needed is used occasionally",
    ),
    Criterion(
        "renewal_changed",
        Risk.MEDIUM,
        "A further authorisation where the care, the restrictions or the conditions have changed",
    ),
    Criterion(
        "settled",
        Risk.LOW,
        "Settled in the placement, not objecting, with restrictions usual for the setting",
    ),
    Criterion("renewal_unchanged", Risk.LOW, "A further authorisation with no change to the care or restrictions"),
    Criterion(
        "short_stay",
        Risk.LOW,
        "At the end of life, or expected to stay only a short time (such as a hospital stay)",
    ),
)
BY_CODE = {c.code: c for c in CRITERIA}
PRIORITY_ORDER = (Risk.HIGH, Risk.MEDIUM, Risk.LOW)


def choices() -> list[tuple[str, str]]:
    """For a form: each criterion with its priority, highest first."""
    return [(c.code, f"{Risk(c.priority).label}: {c.label}") for c in CRITERIA]


def priority_for(codes) -> str:
    """The highest priority among the criteria met; a request that meets none has no priority yet."""
    levels = {BY_CODE[code].priority for code in codes if code in BY_CODE}
    return next((level for level in PRIORITY_ORDER if level in levels), "")


def labels(codes) -> list[str]:
    return [BY_CODE[code].label if code in BY_CODE else code for code in codes]
