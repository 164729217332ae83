"""Each permission rule, checked where a user meets it: which roles open its page and which are refused.

Who may open what is written out here by hand, from the product's rules, rather than asked of the rules
under test. The person the pages are about is handed to the provider, so provider staff can see them and
only the rule (not the tenancy) decides; everyone is in the same council.
"""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django_scopes import scopes_disabled

from assessflow.tenancy.roles import Qualification, Role
from assessflow.tests import factories

COUNCIL = {
    "front_door": Role.FRONT_DOOR,
    "assessor": Role.ASSESSOR,
    "team_manager": Role.TEAM_MANAGER,
    "panel_member": Role.PANEL_MEMBER,
    "performance_lead": Role.PERFORMANCE_LEAD,
    "council_admin": Role.COUNCIL_ADMIN,
}
PROVIDER = {
    "provider_assessor": Role.ASSESSOR,
    "provider_team_manager": Role.TEAM_MANAGER,
    "provider_contract_manager": Role.CONTRACT_MANAGER,
}
# An assessor in the safeguarding team and a team manager in the DoLS team, both of the council.
TEAMS = ("safeguarding", "dols")
PUBLIC = ("referrer", "citizen")
ACTORS = (*COUNCIL, *TEAMS, *PROVIDER, *PUBLIC)

# Groups named as the product names them.
# A funding panel member is not a caseworker: they read the panel's case summaries, not people's records.
COUNCIL_CASEWORKERS = {"front_door", "assessor", "team_manager", "safeguarding", "dols"}
COUNCIL_EDITORS = {"front_door", "assessor", "team_manager", "safeguarding", "dols"}
COUNCIL_MANAGERS = {"team_manager", "dols"}
COUNCIL_STAFF = set(COUNCIL) | set(TEAMS)
PROVIDER_CASEWORKERS = set(PROVIDER)
PROVIDER_EDITORS = {"provider_assessor", "provider_team_manager"}
ADMIN = {"council_admin"}

# (the permission, a page it guards, the roles that may open it); every other actor is refused with 403.
PAGES = [
    ("tenancy.manage_members", "/organisation/members/", {"council_admin", "provider_contract_manager"}),
    ("people.find_person", "/people/", COUNCIL_CASEWORKERS | PROVIDER_CASEWORKERS),
    ("people.add_person", "/people/new/", COUNCIL_EDITORS),
    ("people.view_own_record", "/people/me/", {"citizen"}),
    ("people.view_person", "/people/{person}/", COUNCIL_CASEWORKERS | PROVIDER_CASEWORKERS),
    ("people.change_person", "/people/{person}/edit/", COUNCIL_EDITORS | PROVIDER_EDITORS),
    ("people.view_access_log", "/people/{person}/access-log/", COUNCIL_MANAGERS),
    ("people.restrict", "/people/{person}/restrict/", COUNCIL_MANAGERS),
    # The person is not restricted, so breaking the glass goes straight back to their page; only the rule refuses.
    ("people.break_glass", "POST /people/{person}/break-glass/", COUNCIL_CASEWORKERS),
    ("casework.view", "/casework/people/{person}/chronology/", COUNCIL_CASEWORKERS | PROVIDER_CASEWORKERS),
    ("casework.add_note", "/casework/people/{person}/notes/new/", COUNCIL_CASEWORKERS | PROVIDER_CASEWORKERS),
    ("casework.add_document", "/casework/people/{person}/documents/new/", COUNCIL_EDITORS | PROVIDER_EDITORS),
    ("casework.set_task", "/casework/people/{person}/tasks/new/", COUNCIL_EDITORS | PROVIDER_EDITORS),
    ("casework.add_warning", "/casework/people/{person}/warnings/new/", COUNCIL_EDITORS | PROVIDER_EDITORS),
    ("casework.send_letter", "/casework/people/{person}/letters/new/", COUNCIL_EDITORS | PROVIDER_EDITORS),
    ("casework.view_tasks", "/casework/tasks/", COUNCIL_CASEWORKERS | PROVIDER_CASEWORKERS),
    ("casework.view_team_tasks", "/casework/tasks/team/", COUNCIL_MANAGERS | {"provider_team_manager"}),
    ("casework.manage_letters", "/casework/letter-templates/", ADMIN),
    ("frontdoor.view", "/front-door/referrals/{referral}/", COUNCIL_CASEWORKERS),
    ("frontdoor.screen", "/front-door/", {"front_door", "team_manager", "dols"}),
    ("frontdoor.record", "/front-door/people/{person}/new/", COUNCIL_EDITORS),
    ("frontdoor.portal", "/portal/", {"referrer"}),
    (
        "waiting.view",
        "/waiting/",
        {"front_door", "assessor", "team_manager", "performance_lead", "safeguarding", "dols"},
    ),
    ("waiting.export", "/waiting/export.csv", {"front_door", "team_manager", "performance_lead", "dols"}),
    ("waiting.import", "/waiting/imports/", ADMIN),
    ("waiting.configure", "/waiting/settings/", ADMIN),
    ("waiting.reprioritise", "POST /waiting/entries/{entry}/priority/", {"front_door", "team_manager", "dols"}),
    ("safeguarding.raise", "/safeguarding/people/{person}/concerns/new/", COUNCIL_STAFF | PROVIDER_CASEWORKERS),
    ("safeguarding.records_of", "/safeguarding/people/{person}/", COUNCIL_STAFF),
    ("safeguarding.work", "/safeguarding/", {"safeguarding"}),
    ("safeguarding.dols", "/safeguarding/dols/", {"dols"}),
    ("safeguarding.configure", "/safeguarding/settings/", ADMIN),
    ("safeguarding.returns", "/safeguarding/returns/", {"performance_lead", "safeguarding", "dols"}),
    ("safeguarding.portal_raise", "/portal/safeguarding/", {"referrer"}),
    ("allocation.manage_pool", "/allocation/pool/", COUNCIL_MANAGERS | ADMIN),
    ("allocation.allocate", "/allocation/suggestions/", COUNCIL_MANAGERS),
    ("allocation.configure", "/allocation/settings/", ADMIN),
    ("allocation.own_caseload", "/allocation/caseload/", {"assessor", "safeguarding", "provider_assessor"}),
    ("allocation.team_caseload", "/allocation/team/", COUNCIL_MANAGERS | {"provider_team_manager"}),
    # The assessment is the provider's (the person is handed to it), so the provider's staff see it as the council's.
    (
        "assessments.view",
        "/assessments/{assessment}/",
        {"assessor", "team_manager", "safeguarding", "dols", "provider_assessor", "provider_team_manager"},
    ),
    (
        "assessments.carry_out",
        "/assessments/{assessment}/plan/details/",
        {"assessor", "safeguarding", "provider_assessor"},
    ),
    ("assessments.panel", "/assessments/panel/", {"panel_member"}),
    ("assessments.configure", "/assessments/settings/", ADMIN),
]


@dataclass
class Actors:
    objects: dict
    clients: dict
    members: dict


def _build() -> tuple[dict, dict]:
    council = factories.CouncilFactory()
    provider = factories.ProviderFactory()
    contract = factories.ContractFactory(council=council, provider=provider)
    person = factories.PersonFactory(council=council)
    factories.HandoverFactory(person=person, contract=contract)
    members = {}
    for key, role in COUNCIL.items():
        qualification = Qualification.SOCIAL_WORKER if role == Role.ASSESSOR else ""
        members[key] = factories.MembershipFactory(organisation=council, role=role, qualification=qualification)
    for key, role in PROVIDER.items():
        qualification = Qualification.CONTRACTED_ASSESSOR if role == Role.ASSESSOR else ""
        members[key] = factories.MembershipFactory(organisation=provider, role=role, qualification=qualification)
    teams = factories.SafeguardingTeamsFactory(council=council)
    members["safeguarding"] = factories.MembershipFactory(
        organisation=council,
        role=Role.ASSESSOR,
        qualification=Qualification.SOCIAL_WORKER,
        team=teams.safeguarding_teams.get(),
    )
    members["dols"] = factories.MembershipFactory(
        organisation=council, role=Role.TEAM_MANAGER, team=teams.dols_teams.get()
    )
    # Not one of the actors every page is walked with: a DoLS team member who is not a manager, for signing.
    members["dols_assessor"] = factories.MembershipFactory(
        organisation=council, role=Role.ASSESSOR, qualification=Qualification.SOCIAL_WORKER, team=teams.dols_teams.get()
    )
    surgery = factories.ReferrerOrganisationFactory(council=council)
    members["referrer"] = factories.MembershipFactory(organisation=surgery, role=Role.REFERRER)
    members["citizen"] = factories.MembershipFactory(organisation=council, role=Role.CITIZEN)
    factories.CitizenAccountFactory(person=factories.PersonFactory(council=council), user=members["citizen"].user)
    objects = {
        "person": person.pk,
        "referral": factories.ReferralFactory(person=person).pk,
        "entry": factories.WaitingListEntryFactory(person=person).pk,
        "dols": factories.DolsApplicationFactory(person=person).pk,
        "assessment": factories.AssessmentFactory(
            allocation__entry__person=person,
            allocation__organisation=provider,
            allocation__assessor=members["provider_assessor"].user,
            answers=factories.ELIGIBLE_ADULT_ANSWERS,
        ).pk,
    }
    return objects, members


@pytest.fixture(scope="module")
def actors(django_db_setup, django_db_blocker):
    """Built once for the module (each test still runs in its own transaction), one signed-in client per actor."""
    with django_db_blocker.unblock(), transaction.atomic():
        with scopes_disabled():
            objects, members = _build()
        clients = {}
        for actor, membership in members.items():
            clients[actor] = Client()
            clients[actor].force_login(membership.user)
            session = clients[actor].session
            session["membership_id"] = membership.pk
            session.save()
        yield Actors(objects, clients, members)
        transaction.set_rollback(True)


@pytest.mark.parametrize(("permission", "page", "allowed"), PAGES, ids=[permission for permission, *_ in PAGES])
def test_only_the_roles_the_rule_names_open_the_page(db, actors, permission, page, allowed):
    method, _, path = page.rpartition(" ")
    url = path.format(**actors.objects)
    opened, refused = set(), set()
    for actor in ACTORS:
        client = actors.clients[actor]
        status = (client.post if method == "POST" else client.get)(url).status_code
        # An empty POST that gets past the rule is redirected (nothing to do) or refused as incomplete (400).
        if status == 200 or (method == "POST" and status in (302, 400)):
            opened.add(actor)
        elif status == 403:
            refused.add(actor)
        else:
            pytest.fail(f"{actor} got {status} from {url}")
    assert opened == allowed, permission
    assert refused == set(ACTORS) - allowed, permission


def test_only_the_dols_teams_managers_open_the_signatorys_decision(db, actors):
    url = f"/safeguarding/dols/{actors.objects['dols']}/decide/"
    page = actors.clients["dols"].get(url)
    assert page.status_code == 200
    assert "Signatory" in page.content.decode()
    assert actors.clients["dols_assessor"].get(url).status_code == 403
    assert actors.clients["dols_assessor"].post(url, {"grant": "yes"}).status_code == 403
    # A manager outside the DoLS team who broke the glass may read the request, never sign it.
    manager = Client()
    manager.force_login(actors.members["team_manager"].user)
    session = manager.session
    session["membership_id"] = actors.members["team_manager"].pk
    session["break_glass_safeguarding"] = [f"dols:{actors.objects['dols']}"]
    session.save()
    assert manager.get(f"/safeguarding/dols/{actors.objects['dols']}/").status_code == 200
    assert manager.get(url).status_code == 403


def test_the_review_overview_is_on_the_home_page_of_caseworkers_and_the_performance_lead(db, actors):
    shown = {actor for actor in ACTORS if "Reviews overdue" in actors.clients[actor].get("/").content.decode()}
    assert shown == COUNCIL_CASEWORKERS | PROVIDER_CASEWORKERS | {"performance_lead"}


def test_someone_signed_in_with_no_role_is_refused_every_page_a_rule_guards(db):
    client = Client()
    client.force_login(factories.UserFactory())
    for _, page, _ in PAGES[:3]:
        assert client.get(page).status_code == 403
