"""The access-log action codes the safeguarding app writes, and how each reads on a timeline."""

from enum import StrEnum


class AccessAction(StrEnum):
    CONCERN_RAISED = "safeguarding.concern.raised"
    CONCERN_VIEWED = "safeguarding.concern.viewed"
    CONCERN_ACKNOWLEDGED = "safeguarding.concern.acknowledged"
    CONCERN_TRIAGED = "safeguarding.concern.triaged"
    CONCERN_DECIDED = "safeguarding.concern.decided"
    CONCERN_CLOSED = "safeguarding.concern.closed"
    CONCERN_BREAK_GLASS = "safeguarding.concern.break_glass"
    RECORD_LISTED = "safeguarding.record.listed"
    ENQUIRY_STARTED = "safeguarding.enquiry.started"
    ENQUIRY_VIEWED = "safeguarding.enquiry.viewed"
    ENQUIRY_UPDATED = "safeguarding.enquiry.updated"
    ENQUIRY_CONCLUDED = "safeguarding.enquiry.concluded"
    STRATEGY_RECORDED = "safeguarding.strategy.recorded"
    DOLS_REQUESTED = "safeguarding.dols.requested"
    DOLS_VIEWED = "safeguarding.dols.viewed"
    DOLS_EXTENDED = "safeguarding.dols.extended"
    DOLS_SCREENED = "safeguarding.dols.screened"
    DOLS_ASSESSORS_NAMED = "safeguarding.dols.assessors_named"
    DOLS_DOCTOR_ADDED = "safeguarding.dols.doctor_added"
    DOLS_ASSESSED = "safeguarding.dols.assessed"
    DOLS_DECIDED = "safeguarding.dols.decided"
    DOLS_CLOSED = "safeguarding.dols.closed"
    DOLS_REVIEW_REQUESTED = "safeguarding.dols.review_requested"
    DOLS_BREAK_GLASS = "safeguarding.dols.break_glass"
    SETTINGS_SAVED = "safeguarding.settings_saved"
    RETURNS_EXPORTED = "safeguarding.returns_exported"


# Registered with `audit.display.ACTION_SENTENCES` in the app's AppConfig.ready().
SENTENCES = {
    AccessAction.CONCERN_RAISED: "Safeguarding concern raised",
    AccessAction.CONCERN_VIEWED: "Safeguarding concern viewed",
    AccessAction.CONCERN_ACKNOWLEDGED: "Safeguarding acknowledgement viewed",
    AccessAction.CONCERN_TRIAGED: "Safeguarding concern triaged",
    AccessAction.CONCERN_DECIDED: "Section 42 decision recorded",
    AccessAction.CONCERN_CLOSED: "Safeguarding concern closed",
    AccessAction.CONCERN_BREAK_GLASS: "Glass broken on a safeguarding concern",
    AccessAction.RECORD_LISTED: "Safeguarding records listed",
    AccessAction.ENQUIRY_STARTED: "Safeguarding enquiry started",
    AccessAction.ENQUIRY_VIEWED: "Safeguarding enquiry viewed",
    AccessAction.ENQUIRY_UPDATED: "Safeguarding enquiry updated",
    AccessAction.ENQUIRY_CONCLUDED: "Safeguarding enquiry concluded",
    AccessAction.STRATEGY_RECORDED: "Strategy discussion recorded",
    AccessAction.DOLS_REQUESTED: "DoLS request recorded",
    AccessAction.DOLS_VIEWED: "DoLS request viewed",
    AccessAction.DOLS_EXTENDED: "Urgent authorisation extended",
    AccessAction.DOLS_SCREENED: "DoLS request screened",
    AccessAction.DOLS_ASSESSORS_NAMED: "DoLS assessors named",
    AccessAction.DOLS_DOCTOR_ADDED: "Approved mental health assessor added",
    AccessAction.DOLS_ASSESSED: "DoLS assessment recorded",
    AccessAction.DOLS_DECIDED: "DoLS decision recorded",
    AccessAction.DOLS_CLOSED: "DoLS request closed",
    AccessAction.DOLS_REVIEW_REQUESTED: "DoLS review requested",
    AccessAction.DOLS_BREAK_GLASS: "Glass broken on a DoLS request",
    AccessAction.SETTINGS_SAVED: "Safeguarding settings saved",
    AccessAction.RETURNS_EXPORTED: "Safeguarding returns exported",
}
