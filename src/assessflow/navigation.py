"""The service navigation each role sees, and the header's council and role."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from assessflow.tenancy.permissions import may


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None
    section: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


NAVIGATION = (
    NavItem("Home", "home"),
    NavItem("Find a person", "people:find", "people.find_person", section="people"),
    NavItem("Screening", "frontdoor:queue", "frontdoor.screen", section="frontdoor"),
    NavItem("Waiting lists", "waiting:list", "waiting.view", section="waiting"),
    NavItem("Keep in touch", "waiting:keep-in-touch-list", "waiting.view", section="keep-in-touch"),
    NavItem("Safeguarding", "safeguarding:queue", "safeguarding.work", section="safeguarding"),
    NavItem("DoLS", "safeguarding:dols-list", "safeguarding.dols", section="dols"),
    NavItem("Allocate", "allocation:suggest", "allocation.allocate", section="allocation"),
    NavItem("Caseloads", "allocation:team", "allocation.team_caseload", section="caseloads"),
    NavItem("Your caseload", "allocation:caseload", "allocation.own_caseload", section="caseload"),
    NavItem("Your tasks", "casework:my-tasks", "casework.view_tasks", section="tasks"),
    NavItem("Team tasks", "casework:team-tasks", "casework.view_team_tasks", section="tasks"),
    NavItem("Your record", "people:my-record", "people.view_own_record", section="my-record"),
    NavItem("Your referrals", "portal:referrals", "frontdoor.portal", section="portal"),
    NavItem("Make a referral", "portal:new", "frontdoor.portal", section="portal"),
    NavItem(
        "Safeguarding and DoLS", "safeguarding-portal:concerns", "safeguarding.portal_raise", section="portal-concerns"
    ),
    NavItem("Users and teams", "organisation-members", "tenancy.manage_members", section="organisation"),
    NavItem("Letters and settings", "casework:letter-templates", "casework.manage_letters", section="letters"),
    NavItem("Import a backlog", "waiting:imports", "waiting.import", section="imports"),
    NavItem("Timescales", "waiting:settings", "waiting.configure", section="timescales"),
    NavItem("Assessor pool", "allocation:pool", "allocation.manage_pool", section="pool"),
    NavItem("Allocation weights", "allocation:settings", "allocation.configure", section="allocation-settings"),
    NavItem("Safeguarding teams", "safeguarding:settings", "safeguarding.configure", section="safeguarding-settings"),
    NavItem("Safeguarding returns", "safeguarding:returns", "safeguarding.returns", section="returns"),
)


def nav_for(membership) -> list[NavItem]:
    return [item for item in NAVIGATION if item.permission is None or may(membership, item.permission)]


def service(request) -> dict:
    """Template context for the layout: who is signed in, as what, for which council."""
    membership = getattr(request, "membership", None)
    council = None
    if membership is not None:
        council = membership.council or membership.organisation
    return {
        "membership": membership,
        "has_other_roles": getattr(request, "membership_count", 0) > 1,
        "header_organisation": council.name if council else "",
        "navigation": nav_for(membership) if membership else [],
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
    }
