"""Who may carry out, check, sign off, fund and configure assessments. Which assessments a role reaches at all is the
selectors' business (a provider's staff only their contract's cases); these say what the role may do with them."""

import rules

from assessflow.allocation.models import Allocation
from assessflow.tenancy.permissions import has_role, permissions, works_for_council, works_for_provider
from assessflow.tenancy.roles import Qualification, Role

from .models import Kind

QUALIFIED = frozenset({Qualification.SOCIAL_WORKER, Qualification.OCCUPATIONAL_THERAPIST})


@rules.predicate
def is_qualified(membership) -> bool:
    return membership.qualification in QUALIFIED


staff = works_for_council | works_for_provider
manager = has_role(Role.TEAM_MANAGER) & staff

permissions.add_rule("assessments.carry_out", has_role(Role.ASSESSOR) & staff)
permissions.add_rule("assessments.view", has_role(Role.ASSESSOR, Role.TEAM_MANAGER) & staff)
# Quality assurance: the QA lead of the organisation that did the work (the selectors keep each to their own).
permissions.add_rule("assessments.quality_assure", manager)
permissions.add_rule("assessments.council_sign_off", has_role(Role.TEAM_MANAGER) & works_for_council)
permissions.add_rule(
    "assessments.qualified_sign_off", has_role(Role.TEAM_MANAGER, Role.ASSESSOR) & staff & is_qualified
)
permissions.add_rule("assessments.panel", has_role(Role.PANEL_MEMBER) & works_for_council)
permissions.add_rule("assessments.configure", has_role(Role.COUNCIL_ADMIN) & works_for_council)


@rules.predicate
def allocated_to_them(membership, entry) -> bool:
    """The work on this waiting-list entry is an assessment, allocated to this user in this role's organisation."""
    if entry is None or entry.work_type not in Kind.values:
        return False
    return Allocation.objects.filter(
        entry=entry, assessor=membership.user, organisation=membership.organisation, ended_at__isnull=True
    ).exists()


# Starting (or going back to) the assessment of an entry: its allocated assessor alone.
permissions.add_rule("assessments.start", has_role(Role.ASSESSOR) & staff & allocated_to_them)
