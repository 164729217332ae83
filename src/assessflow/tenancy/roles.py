"""The roles and qualifications a membership can carry, and which organisation kinds allow them."""

from django.db import models


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    PROVIDER = "provider", "Assessment provider"
    REFERRER = "referrer", "Referring organisation"


class Role(models.TextChoices):
    FRONT_DOOR = "front_door", "Front-door officer"
    ASSESSOR = "assessor", "Assessor"
    TEAM_MANAGER = "team_manager", "Team manager / QA lead"
    PANEL_MEMBER = "panel_member", "Funding panel member"
    CONTRACT_MANAGER = "contract_manager", "Contract manager"
    PERFORMANCE_LEAD = "performance_lead", "Performance lead"
    COUNCIL_ADMIN = "council_admin", "Council administrator"
    REFERRER = "referrer", "Referrer"
    CITIZEN = "citizen", "Citizen"


class Qualification(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    OCCUPATIONAL_THERAPIST = "occupational_therapist", "Occupational therapist"
    UNQUALIFIED = "unqualified", "Unqualified social work assistant"
    TRUSTED_ASSESSOR = "trusted_assessor", "Trusted assessor"
    CONTRACTED_ASSESSOR = "contracted_assessor", "Contracted assessor"


ROLES_BY_KIND: dict[str, frozenset[str]] = {
    OrganisationKind.COUNCIL: frozenset(
        {
            Role.FRONT_DOOR,
            Role.ASSESSOR,
            Role.TEAM_MANAGER,
            Role.PANEL_MEMBER,
            Role.PERFORMANCE_LEAD,
            Role.COUNCIL_ADMIN,
            Role.CITIZEN,
        }
    ),
    OrganisationKind.PROVIDER: frozenset({Role.ASSESSOR, Role.TEAM_MANAGER, Role.CONTRACT_MANAGER}),
    OrganisationKind.REFERRER: frozenset({Role.REFERRER}),
}

# Staff of a council or provider: everyone who works cases, as opposed to the
# public side (referrers and citizens).
STAFF_ROLES = frozenset(ROLES_BY_KIND[OrganisationKind.COUNCIL] | ROLES_BY_KIND[OrganisationKind.PROVIDER]) - {
    Role.CITIZEN
}
