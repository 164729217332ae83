"""The service navigation each role sees, the administration pages it groups, and the header's council and role."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from assessflow.tenancy.permissions import may
from assessflow.tenancy.roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None
    # Further pages of the same section, by URL name (no arguments) or path prefix, so it stays highlighted there.
    also: tuple[str, ...] = ()
    roles: frozenset[str] | None = None  # narrower than the permission: shown to these roles only
    description: str = ""
    group: str = ""  # where the settings page lists it

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    @property
    def prefixes(self) -> tuple[str, ...]:
        if self.url_name == "home":
            return ()
        return (self.url, *(p if p.startswith("/") else reverse(p) for p in self.also))

    def shown_to(self, membership) -> bool:
        if self.roles is not None and membership.role not in self.roles:
            return False
        return self.permission is None or may(membership, self.permission)


# The administrator's pages: one "Settings" item in the navigation leads to a page listing them.
ADMINISTRATION = (
    NavItem(
        "Users and teams",
        "organisation-members",
        "tenancy.manage_members",
        group="People and access",
        also=("/organisation/members/",),
        description="Who works in Assessflow for your organisation, their roles and teams, and invitations.",
    ),
    NavItem(
        "Letters and casework settings",
        "casework:letter-templates",
        "casework.manage_letters",
        group="Casework",
        also=("casework:settings",),
        description="The letter templates workers send from, and how the council's casework is set up.",
    ),
    NavItem(
        "Import a backlog",
        "waiting:imports",
        "waiting.import",
        group="Waiting lists",
        description="Load people already waiting from a spreadsheet, check the matches and publish them.",
    ),
    NavItem(
        "Timescales",
        "waiting:settings",
        "waiting.configure",
        group="Waiting lists",
        description="How soon each work type and priority is due, and how often people waiting are contacted.",
    ),
    NavItem(
        "Assessor pool",
        "allocation:pool",
        "allocation.manage_pool",
        group="Allocation",
        description="Who takes allocated work: skills, areas, working days, capacity and absences.",
    ),
    NavItem(
        "Allocation weights",
        "allocation:settings",
        "allocation.configure",
        group="Allocation",
        description="What suggested allocations weigh: travel, continuity, waiting time and cost.",
    ),
    NavItem(
        "Assessment checks and panel",
        "assessments:settings",
        "assessments.configure",
        group="Assessments",
        description="Which assessments go to quality assurance, the funding panel's threshold and when reviews fall.",
    ),
    NavItem(
        "Safeguarding teams",
        "safeguarding:settings",
        "safeguarding.configure",
        group="Safeguarding",
        description="Which teams work safeguarding concerns and DoLS requests, and their timescales.",
    ),
    NavItem(
        "Safeguarding returns",
        "safeguarding:returns",
        "safeguarding.returns",
        group="Safeguarding",
        description="The Safeguarding Adults Collection and DoLS figures for a reporting year.",
    ),
)

# Whoever may change one of these settings gets the "Settings" item; the pool and the returns have their own ways in.
SETTINGS_PERMISSIONS = (
    "tenancy.manage_members",
    "casework.manage_letters",
    "waiting.import",
    "waiting.configure",
    "allocation.configure",
    "safeguarding.configure",
    "assessments.configure",
)

NAVIGATION = (
    NavItem("Home", "home"),
    NavItem("Find a person", "people:find", "people.find_person", also=("/casework/people/",)),
    NavItem("Screening", "frontdoor:queue", "frontdoor.screen", also=("/waiting/screen/",)),
    NavItem("Waiting lists", "waiting:list", "waiting.view"),
    NavItem("Safeguarding", "safeguarding:queue", "safeguarding.work"),
    NavItem("DoLS", "safeguarding:dols-list", "safeguarding.dols"),
    NavItem("Allocate", "allocation:suggest", "allocation.allocate", also=("/allocation/entries/", "allocation:pool")),
    NavItem("Caseloads", "allocation:team", "allocation.team_caseload"),
    NavItem("Your caseload", "allocation:caseload", "allocation.own_caseload"),
    NavItem("Funding panel", "assessments:panel", "assessments.panel"),
    NavItem("Tasks", "casework:my-tasks", "casework.view_tasks"),
    NavItem("Your record", "people:my-record", "people.view_own_record"),
    NavItem("Your referrals", "portal:referrals", "frontdoor.portal"),
    NavItem("Make a referral", "portal:new", "frontdoor.portal"),
    NavItem("Safeguarding and DoLS", "safeguarding-portal:concerns", "safeguarding.portal_raise"),
    NavItem("Returns", "safeguarding:returns", "safeguarding.returns", roles=frozenset({Role.PERFORMANCE_LEAD})),
    NavItem(
        "Settings", "administration", also=tuple(n for item in ADMINISTRATION for n in (item.url_name, *item.also))
    ),
)


def administration_for(membership) -> list[NavItem]:
    return [item for item in ADMINISTRATION if item.shown_to(membership)]


def may_change_settings(membership) -> bool:
    return any(may(membership, permission) for permission in SETTINGS_PERMISSIONS)


def nav_for(membership) -> list[NavItem]:
    items = []
    for item in NAVIGATION:
        if item.url_name == "administration":
            if may_change_settings(membership):
                items.append(item)
        elif item.shown_to(membership):
            items.append(item)
    return items


def current_item(items: list[NavItem], path: str) -> NavItem | None:
    """The item whose section holds this page: the home page itself, else the longest matching prefix."""
    best, best_length = None, 0
    for item in items:
        if item.url_name == "home":
            if path == item.url:
                return item
            continue
        for prefix in item.prefixes:
            if path.startswith(prefix) and len(prefix) > best_length:
                best, best_length = item, len(prefix)
    return best


def service(request) -> dict:
    """Template context for the layout: who is signed in, as what, for which council, and where they are."""
    membership = getattr(request, "membership", None)
    council = None
    if membership is not None:
        council = membership.council or membership.organisation
    navigation = nav_for(membership) if membership else []
    current = current_item(navigation, request.path)
    return {
        "membership": membership,
        "has_other_roles": getattr(request, "membership_count", 0) > 1,
        "header_organisation": council.name if council else "",
        "navigation": navigation,
        "current_navigation": current.url_name if current else "",
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
    }
