"""The access-log action codes the people app writes, and how each reads on a timeline."""

from enum import StrEnum


class AccessAction(StrEnum):
    PERSON_CREATED = "person.created"
    PERSON_UPDATED = "person.updated"
    PERSON_VIEWED = "person.viewed"
    PERSON_OPENED_FOR_CHANGE = "person.opened_for_change"
    PERSON_ACCESS_LOG_VIEWED = "person.access_log_viewed"
    PERSON_SEARCHED = "person.searched"
    PERSON_RELATIONSHIP_ADDED = "person.relationship_added"
    PERSON_RELATIONSHIP_LINKED = "person.relationship_linked"
    PERSON_LOADED = "person.loaded"
    PERSON_BREAK_GLASS = "person.break_glass"
    PERSON_RESTRICTED = "person.restricted"
    PERSON_RESTRICTION_LIFTED = "person.restriction_lifted"


# Registered with `audit.display.ACTION_SENTENCES` in the app's AppConfig.ready().
SENTENCES = {
    AccessAction.PERSON_CREATED: "Record created",
    AccessAction.PERSON_UPDATED: "Details changed",
    AccessAction.PERSON_VIEWED: "Record viewed",
    AccessAction.PERSON_OPENED_FOR_CHANGE: "Record opened to change",
    AccessAction.PERSON_ACCESS_LOG_VIEWED: "Access log viewed",
    AccessAction.PERSON_SEARCHED: "Found in a search",
    AccessAction.PERSON_RELATIONSHIP_ADDED: "Carer, relative or representative added",
    AccessAction.PERSON_RELATIONSHIP_LINKED: "Carer, relative or representative linked to their own record",
    AccessAction.PERSON_LOADED: "Record loaded",
    AccessAction.PERSON_BREAK_GLASS: "Restricted record opened by breaking the glass",
    AccessAction.PERSON_RESTRICTED: "Record restricted",
    AccessAction.PERSON_RESTRICTION_LIFTED: "Restriction lifted",
}
