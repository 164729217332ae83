"""Who may manage an organisation's members and invitations."""

from .permissions import has_role, permissions, works_for_council, works_for_provider
from .roles import Role

permissions.add_rule(
    "tenancy.manage_members",
    (works_for_council & has_role(Role.COUNCIL_ADMIN)) | (works_for_provider & has_role(Role.CONTRACT_MANAGER)),
)
