"""Who may find, read, change and audit person records."""

from assessflow.tenancy.permissions import has_role, permissions, works_for_council
from assessflow.tenancy.roles import Role

# Roles that work on cases. Provider staff among them see only handed-over cases
# (the selectors decide which records; these rules decide which pages). A funding panel member is not among them:
# they read the panel's case summaries and nothing else of a person's record.
CASEWORK = has_role(Role.FRONT_DOOR, Role.ASSESSOR, Role.TEAM_MANAGER, Role.CONTRACT_MANAGER)
EDITORS = has_role(Role.FRONT_DOOR, Role.ASSESSOR, Role.TEAM_MANAGER)

permissions.add_rule("people.find_person", CASEWORK)
permissions.add_rule("people.view_person", CASEWORK)
permissions.add_rule("people.change_person", EDITORS)
permissions.add_rule("people.add_person", works_for_council & EDITORS)
permissions.add_rule("people.view_access_log", works_for_council & has_role(Role.TEAM_MANAGER))
permissions.add_rule("people.view_own_record", has_role(Role.CITIZEN))
# Only the council's own caseworkers may break the glass: never provider staff, referrers or citizens.
permissions.add_rule(
    "people.break_glass",
    works_for_council & has_role(Role.FRONT_DOOR, Role.ASSESSOR, Role.TEAM_MANAGER),
)
permissions.add_rule("people.restrict", works_for_council & has_role(Role.TEAM_MANAGER))
permissions.add_rule("people.view_review_overview", CASEWORK | has_role(Role.PERFORMANCE_LEAD))
