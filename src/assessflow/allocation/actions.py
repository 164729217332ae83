"""The access-log action codes the allocation app writes, and how each reads on a timeline."""

from enum import StrEnum


class AccessAction(StrEnum):
    ALLOCATED = "allocation.allocated"
    UNALLOCATED = "allocation.unallocated"
    ENTRY_VIEWED = "allocation.entry_viewed"
    PROFILE_SAVED = "allocation.profile_saved"
    ABSENCE_ADDED = "allocation.absence_added"
    SETTINGS_SAVED = "allocation.settings_saved"
    CONFLICT_RECORDED = "allocation.conflict_recorded"
    HANDOVER_ENDED = "allocation.handover_ended"
    RUN_UNDONE = "allocation.run_undone"


# Registered with `audit.display.ACTION_SENTENCES` in the app's AppConfig.ready().
SENTENCES = {
    AccessAction.ALLOCATED: "Allocated",
    AccessAction.UNALLOCATED: "Allocation withdrawn",
    AccessAction.ENTRY_VIEWED: "Allocation page viewed",
    AccessAction.PROFILE_SAVED: "Assessor profile saved",
    AccessAction.ABSENCE_ADDED: "Assessor absence recorded",
    AccessAction.SETTINGS_SAVED: "Allocation weights saved",
    AccessAction.CONFLICT_RECORDED: "Conflict of interest recorded",
    AccessAction.HANDOVER_ENDED: "Handover to a provider ended when the run was undone",
    AccessAction.RUN_UNDONE: "Accepted allocation run undone",
}
