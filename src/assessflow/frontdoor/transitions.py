"""The referral state machine: which moves are allowed. Pure: no database."""

from .models import Referral

S = Referral.Status

TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.INFO_REQUESTED, S.CLOSED_ADVICE, S.CLOSED_SIGNPOSTED, S.SCREENED_OUT, S.WAITING_LIST}),
    S.INFO_REQUESTED: frozenset({S.RECEIVED, S.CLOSED_ADVICE, S.CLOSED_SIGNPOSTED, S.SCREENED_OUT, S.WAITING_LIST}),
}

# Why a referral may be screened out (a review no longer needed, as in the Luton backlog).
SCREEN_OUT_REASONS = {
    "died": "The person has died",
    "moved_away": "The person has moved out of the area",
    "needs_met_elsewhere": "Needs are met elsewhere",
    "declined": "The person declined an assessment",
    "carer_declined": "The carer declined a carer's assessment",
    "duplicate": "Duplicate of another referral",
}


def refusal_stands(*, lacks_capacity: bool | None, at_risk: bool | None) -> bool:
    """Care Act s.11(2): an adult's refusal stands only where both are recorded as no: they have capacity to
    refuse, and they are not experiencing or at risk of abuse or neglect. "Not known yet" is not a no.

    A carer's refusal of a carer's assessment always stands (s.11(5)): it has its own reason, "carer_declined".
    """
    return lacks_capacity is False and at_risk is False


def screen_out_reasons(*, lacks_capacity: bool | None, at_risk: bool | None) -> dict[str, str]:
    """The reasons a screener may choose, given what is recorded of capacity and risk."""
    reasons = dict(SCREEN_OUT_REASONS)
    if not refusal_stands(lacks_capacity=lacks_capacity, at_risk=at_risk):
        reasons.pop("declined")
    return reasons
