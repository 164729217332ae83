"""Actions that apps above the front door (the waiting lists' screening) add to a referral's page."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReferralAction:
    label: str
    url_name: str
    permission: str
    open_only: bool = True


_actions: list[ReferralAction] = []


def register_referral_action(action: ReferralAction) -> None:
    if action not in _actions:
        _actions.append(action)


def referral_actions() -> list[ReferralAction]:
    return list(_actions)
