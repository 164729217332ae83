"""The access-log action codes the waiting app writes, and how each reads on a timeline."""

from enum import StrEnum


class AccessAction(StrEnum):
    ADDED = "waiting.added"
    REPRIORITISED = "waiting.reprioritised"
    COMPLETED = "waiting.completed"
    REMOVED = "waiting.removed"
    MOVED = "waiting.moved"
    ENTRY_VIEWED = "waiting.entry_viewed"
    KEEP_IN_TOUCH_OPENED = "waiting.keep_in_touch_opened"
    LIST_VIEWED = "waiting.list_viewed"
    EXPORTED = "waiting.exported"
    SETTINGS_SAVED = "waiting.settings_saved"
    BACKLOG_UPLOADED = "backlog.uploaded"
    BACKLOG_MAPPED = "backlog.mapped"
    BACKLOG_REMATCHED = "backlog.rematched"
    BACKLOG_ABANDONED = "backlog.abandoned"
    BACKLOG_IMPORTED = "backlog.imported"


# Registered with `audit.display.ACTION_SENTENCES` in the app's AppConfig.ready().
SENTENCES = {
    AccessAction.MOVED: "Work on a waiting-list entry moved on",
    AccessAction.ADDED: "Added to a waiting list",
    AccessAction.REPRIORITISED: "Priority changed",
    AccessAction.COMPLETED: "Work on the waiting-list entry completed",
    AccessAction.REMOVED: "Removed from the waiting list",
    AccessAction.ENTRY_VIEWED: "Waiting-list entry viewed",
    AccessAction.KEEP_IN_TOUCH_OPENED: "Keep-in-touch call opened",
    AccessAction.LIST_VIEWED: "Shown on a waiting list",
    AccessAction.EXPORTED: "Waiting list exported",
    AccessAction.SETTINGS_SAVED: "Waiting-list timescales saved",
    AccessAction.BACKLOG_UPLOADED: "Backlog file uploaded",
    AccessAction.BACKLOG_MAPPED: "Backlog file's columns and values matched",
    AccessAction.BACKLOG_REMATCHED: "Backlog file sent back to be matched again",
    AccessAction.BACKLOG_ABANDONED: "Backlog import abandoned and its file deleted",
    AccessAction.BACKLOG_IMPORTED: "Imported from a backlog file",
}
