"""The access-log action codes the casework app writes, and how each reads on a timeline."""

from enum import StrEnum


class AccessAction(StrEnum):
    NOTE_ADDED = "note.added"
    NOTE_VIEWED = "note.viewed"
    NOTE_EDITED = "note.edited"
    NOTE_AMENDED = "note.amended"
    NOTE_RETRACTED = "note.retracted"
    DOCUMENT_ADDED = "document.added"
    DOCUMENT_DOWNLOADED = "document.downloaded"
    DOCUMENT_RETRACTED = "document.retracted"
    TASK_SET = "task.set"
    TASK_VIEWED = "task.viewed"
    TASK_COMPLETED = "task.completed"
    TASK_CANCELLED = "task.cancelled"
    TASK_REASSIGNED = "task.reassigned"
    WARNING_ADDED = "warning.added"
    WARNING_ENDED = "warning.ended"
    WARNINGS_VIEWED = "warnings.viewed"
    LETTER_PREVIEWED = "letter.previewed"
    LETTER_VIEWED = "letter.viewed"
    LETTER_SENT = "letter.sent"
    LETTER_TEMPLATE_SAVED = "letter_template.saved"
    LETTER_TEMPLATE_SWITCHED_ON = "letter_template.switched_on"
    LETTER_TEMPLATE_SWITCHED_OFF = "letter_template.switched_off"
    SETTINGS_SAVED = "casework.settings_saved"
    CHRONOLOGY_VIEWED = "chronology.viewed"


# Registered with `audit.display.ACTION_SENTENCES` in the app's AppConfig.ready().
SENTENCES = {
    AccessAction.NOTE_ADDED: "Note added",
    AccessAction.NOTE_VIEWED: "Note viewed",
    AccessAction.NOTE_EDITED: "Note edited",
    AccessAction.NOTE_AMENDED: "Note amended",
    AccessAction.NOTE_RETRACTED: "Note retracted",
    AccessAction.DOCUMENT_ADDED: "Document added",
    AccessAction.DOCUMENT_DOWNLOADED: "Document downloaded",
    AccessAction.DOCUMENT_RETRACTED: "Document retracted",
    AccessAction.TASK_SET: "Task set",
    AccessAction.TASK_VIEWED: "Task viewed",
    AccessAction.TASK_COMPLETED: "Task done",
    AccessAction.TASK_CANCELLED: "Task cancelled",
    AccessAction.TASK_REASSIGNED: "Task reassigned",
    AccessAction.WARNING_ADDED: "Warning added",
    AccessAction.WARNING_ENDED: "Warning ended",
    AccessAction.WARNINGS_VIEWED: "Warnings viewed",
    AccessAction.LETTER_PREVIEWED: "Letter previewed",
    AccessAction.LETTER_VIEWED: "Letter viewed",
    AccessAction.LETTER_SENT: "Letter marked as sent",
    AccessAction.LETTER_TEMPLATE_SAVED: "Letter template saved",
    AccessAction.LETTER_TEMPLATE_SWITCHED_ON: "Letter template switched on",
    AccessAction.LETTER_TEMPLATE_SWITCHED_OFF: "Letter template switched off",
    AccessAction.SETTINGS_SAVED: "Letter settings saved",
    AccessAction.CHRONOLOGY_VIEWED: "Chronology viewed",
}
