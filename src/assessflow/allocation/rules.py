"""Who may see the pool, allocate, ask for suggestions and see caseloads."""

from assessflow.tenancy.permissions import has_role, permissions, works_for_council, works_for_provider
from assessflow.tenancy.roles import Role

council_manager = works_for_council & has_role(Role.TEAM_MANAGER)

permissions.add_rule("allocation.allocate", council_manager)
permissions.add_rule("allocation.manage_pool", council_manager | (works_for_council & has_role(Role.COUNCIL_ADMIN)))
permissions.add_rule("allocation.configure", works_for_council & has_role(Role.COUNCIL_ADMIN))
permissions.add_rule("allocation.own_caseload", has_role(Role.ASSESSOR))
# A provider's manager sees the caseloads of the provider's own assessors only.
permissions.add_rule("allocation.team_caseload", has_role(Role.TEAM_MANAGER) & (works_for_council | works_for_provider))
