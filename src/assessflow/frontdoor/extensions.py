"""Extension points through which apps above the front door (the waiting lists' screening) add to a referral's page."""

from dataclasses import dataclass

from assessflow.core.extensions import ExtensionPoint


@dataclass(frozen=True)
class ReferralAction:
    label: str
    url_name: str
    permission: str
    open_only: bool = True


REFERRAL_ACTIONS: ExtensionPoint[ReferralAction] = ExtensionPoint("frontdoor.referral_actions")


def referral_actions() -> list[ReferralAction]:
    return list(REFERRAL_ACTIONS)
