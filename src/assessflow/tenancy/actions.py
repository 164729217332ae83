"""The access-log action codes the tenancy app writes, and how each reads on a timeline."""

from enum import StrEnum


class AccessAction(StrEnum):
    MEMBER_ADDED = "member.added"
    MEMBER_INVITED = "member.invited"
    MEMBER_INVITATION_ACCEPTED = "member.invitation_accepted"
    MEMBER_INVITATION_DECLINED = "member.invitation_declined"
    MEMBER_INVITATION_WITHDRAWN = "member.invitation_withdrawn"
    MEMBER_SWITCHED_ON = "member.switched_on"
    MEMBER_SWITCHED_OFF = "member.switched_off"


# Registered with `audit.display.ACTION_SENTENCES` in the app's AppConfig.ready().
SENTENCES = {
    AccessAction.MEMBER_ADDED: "Member added",
    AccessAction.MEMBER_INVITED: "Member invited",
    AccessAction.MEMBER_INVITATION_ACCEPTED: "Invitation accepted",
    AccessAction.MEMBER_INVITATION_DECLINED: "Invitation declined",
    AccessAction.MEMBER_INVITATION_WITHDRAWN: "Invitation withdrawn",
    AccessAction.MEMBER_SWITCHED_ON: "Role switched on",
    AccessAction.MEMBER_SWITCHED_OFF: "Role switched off",
}
