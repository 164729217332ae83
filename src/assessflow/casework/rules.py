"""Who may write and read casework. Which records is the selectors' business; these rules decide the pages."""

from assessflow.tenancy.permissions import has_role, permissions, works_for_council
from assessflow.tenancy.roles import Role

# A funding panel member reads the panel's case summaries only, never a person's casework.
READERS = has_role(Role.FRONT_DOOR, Role.ASSESSOR, Role.TEAM_MANAGER, Role.CONTRACT_MANAGER)
WRITERS = has_role(Role.FRONT_DOOR, Role.ASSESSOR, Role.TEAM_MANAGER)

permissions.add_rule("casework.view", READERS)
permissions.add_rule("casework.add_note", READERS)
permissions.add_rule("casework.add_document", WRITERS)
permissions.add_rule("casework.set_task", WRITERS)
permissions.add_rule("casework.view_tasks", READERS)
permissions.add_rule("casework.view_team_tasks", has_role(Role.TEAM_MANAGER))
permissions.add_rule("casework.add_warning", WRITERS)
permissions.add_rule("casework.send_letter", WRITERS)
permissions.add_rule("casework.manage_letters", works_for_council & has_role(Role.COUNCIL_ADMIN))
