"""Who may see and manage waiting lists."""

from assessflow.tenancy.permissions import has_role, permissions, works_for_council
from assessflow.tenancy.roles import Role

permissions.add_rule(
    "waiting.view",
    works_for_council & has_role(Role.FRONT_DOOR, Role.ASSESSOR, Role.TEAM_MANAGER, Role.PERFORMANCE_LEAD),
)
permissions.add_rule(
    "waiting.export", works_for_council & has_role(Role.FRONT_DOOR, Role.TEAM_MANAGER, Role.PERFORMANCE_LEAD)
)
permissions.add_rule("waiting.import", works_for_council & has_role(Role.COUNCIL_ADMIN))
permissions.add_rule("waiting.configure", works_for_council & has_role(Role.COUNCIL_ADMIN))
permissions.add_rule("waiting.reprioritise", works_for_council & has_role(Role.FRONT_DOOR, Role.TEAM_MANAGER))
