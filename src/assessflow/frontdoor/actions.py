"""The access-log action codes the frontdoor app writes, and how each reads on a timeline."""

from enum import StrEnum


class AccessAction(StrEnum):
    REFERRAL_RECORDED = "referral.recorded"
    REFERRAL_VIEWED = "referral.viewed"
    REFERRAL_SCREENED = "referral.screened"
    REFERRAL_INFORMATION_REQUESTED = "referral.information_requested"
    REFERRAL_INFORMATION_RECEIVED = "referral.information_received"
    PORTAL_REFERRAL_VIEWED = "portal.referral_viewed"
    REFERRAL_OUTCOME_RECORDED = "referral.outcome_recorded"


# Registered with `audit.display.ACTION_SENTENCES` in the app's AppConfig.ready().
SENTENCES = {
    AccessAction.REFERRAL_RECORDED: "Contact or referral recorded",
    AccessAction.REFERRAL_VIEWED: "Referral viewed",
    AccessAction.REFERRAL_SCREENED: "Referral screened",
    AccessAction.REFERRAL_INFORMATION_REQUESTED: "More information asked of the referrer",
    AccessAction.REFERRAL_INFORMATION_RECEIVED: "The referrer answered",
    AccessAction.PORTAL_REFERRAL_VIEWED: "Referral viewed by the referrer",
    AccessAction.REFERRAL_OUTCOME_RECORDED: "Outcome of the referral recorded",
}
