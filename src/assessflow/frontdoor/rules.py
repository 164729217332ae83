"""Who may record and screen what comes in at the front door."""

from assessflow.tenancy.permissions import has_role, permissions, works_for_council
from assessflow.tenancy.roles import Role

FRONT_DOOR_STAFF = works_for_council & has_role(Role.FRONT_DOOR, Role.ASSESSOR, Role.TEAM_MANAGER)

permissions.add_rule("frontdoor.record", FRONT_DOOR_STAFF)
permissions.add_rule("frontdoor.screen", works_for_council & has_role(Role.FRONT_DOOR, Role.TEAM_MANAGER))
permissions.add_rule("frontdoor.view", FRONT_DOOR_STAFF)
permissions.add_rule("frontdoor.portal", has_role(Role.REFERRER))
