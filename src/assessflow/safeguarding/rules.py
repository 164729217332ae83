"""Who may raise, work on, decide and report safeguarding and DoLS: team membership, set by the council."""

import rules

from assessflow.tenancy.permissions import has_role, permissions, works_for_council
from assessflow.tenancy.roles import Role

from .access import in_dols_team, in_safeguarding_team


@rules.predicate
def is_staff(membership) -> bool:
    return membership.is_staff_role


safeguarding_team = rules.predicate(in_safeguarding_team, name="in_safeguarding_team")
dols_team = rules.predicate(in_dols_team, name="in_dols_team")

# Anyone working a case may raise a concern, council or provider; referrers raise theirs in the portal.
permissions.add_rule("safeguarding.raise", is_staff)
permissions.add_rule("safeguarding.portal_raise", has_role(Role.REFERRER))
permissions.add_rule("safeguarding.work", safeguarding_team)
permissions.add_rule("safeguarding.dols", dols_team)
permissions.add_rule("safeguarding.dols_sign", dols_team & has_role(Role.TEAM_MANAGER))
# Council staff may see that a person has safeguarding records, and open the ones they are named on.
permissions.add_rule("safeguarding.records_of", works_for_council & is_staff)
permissions.add_rule("safeguarding.configure", works_for_council & has_role(Role.COUNCIL_ADMIN))
permissions.add_rule("safeguarding.returns", has_role(Role.PERFORMANCE_LEAD) | safeguarding_team | dols_team)
