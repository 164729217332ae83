"""The access-log action codes the assessments app writes, and how each reads on a timeline."""

from enum import StrEnum


class AccessAction(StrEnum):
    STARTED = "assessments.started"
    VIEWED = "assessments.viewed"
    SECTION_SAVED = "assessments.section_saved"
    DRAFT_SAVED = "assessments.draft_saved"
    SUBMITTED = "assessments.submitted"
    QA_PASSED = "assessments.qa_passed"
    QA_RETURNED = "assessments.qa_returned"
    SIGNED_OFF = "assessments.signed_off"
    CHECK_VIEWED = "assessments.check_viewed"
    PLAN_SAVED = "assessments.plan_saved"
    PLAN_VIEWED = "assessments.plan_viewed"
    PANEL_VIEWED = "assessments.panel_viewed"
    PANEL_DECIDED = "assessments.panel_decided"
    AGREED = "assessments.agreed"
    CLOSED = "assessments.closed"
    CARER_OFFERED = "assessments.carer_offered"
    LETTER_PRODUCED = "assessments.letter_produced"
    SETTINGS_SAVED = "assessments.settings_saved"
    PLAN_IMPORTED = "assessments.plan_imported"


# Registered with `audit.display.ACTION_SENTENCES` in the app's AppConfig.ready().
SENTENCES = {
    AccessAction.STARTED: "Assessment started",
    AccessAction.VIEWED: "Assessment viewed",
    AccessAction.SECTION_SAVED: "Assessment section saved",
    AccessAction.DRAFT_SAVED: "Assessment draft kept",
    AccessAction.SUBMITTED: "Assessment submitted",
    AccessAction.QA_PASSED: "Assessment passed quality assurance",
    AccessAction.QA_RETURNED: "Assessment returned by quality assurance",
    AccessAction.SIGNED_OFF: "Assessment signed off",
    AccessAction.CHECK_VIEWED: "Assessment opened for its check",
    AccessAction.PLAN_SAVED: "Support plan saved",
    AccessAction.PLAN_VIEWED: "Support plan viewed",
    AccessAction.PANEL_VIEWED: "Funding panel summary viewed",
    AccessAction.PANEL_DECIDED: "Funding panel decision recorded",
    AccessAction.AGREED: "Assessment outcome agreed",
    AccessAction.CLOSED: "Assessment closed",
    AccessAction.CARER_OFFERED: "Carer's assessment offered",
    AccessAction.LETTER_PRODUCED: "Assessment letter produced",
    AccessAction.SETTINGS_SAVED: "Assessment settings saved",
    AccessAction.PLAN_IMPORTED: "Support plan carried over from a handover file",
}
