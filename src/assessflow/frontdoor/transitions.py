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
    "duplicate": "Duplicate of another referral",
}


class IllegalTransition(Exception):
    pass


def check_move(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, frozenset()):
        raise IllegalTransition(f"A referral cannot go from {current} to {target}.")


def screen_out_reasons(*, lacks_capacity: bool, at_risk: bool) -> dict[str, str]:
    """Care Act s.11(2): a refusal does not stand where the person lacks capacity or is at risk of abuse or neglect."""
    reasons = dict(SCREEN_OUT_REASONS)
    if lacks_capacity or at_risk:
        reasons.pop("declined")
    return reasons
