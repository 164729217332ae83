"""The fixed cast every test can use, after healthchecks' alice/bob/charlie.

Council A lets a contract to a provider; council B is an outsider. Each council has
staff in every role, a referring organisation and a citizen; A has one person handed
over to the provider and one not. Tests check behaviour from inside and from outside.

Inside council A, every "own organisation only" rule has a neighbour to be tested against,
where tenancy hides nothing: a second provider (Q) contracted by A with a person of its own,
a second surgery with a referral of its own, and a second citizen.
"""

from dataclasses import dataclass, field

import pytest
from django_scopes import scopes_disabled

from assessflow.allocation.models import AllocationRun
from assessflow.people.models import Person
from assessflow.tenancy.models import Invitation, Membership, Organisation
from assessflow.tenancy.roles import Qualification, Role
from assessflow.tests import factories

PASSWORD = "correct horse battery"


# The walks over every page as every role take the longest after the browser tests.
LONG_RUNNING = ("test_tenant_isolation.py", "test_access_log_walk.py", "test_hidden_from_outside.py")


def pytest_collection_modifyitems(items):
    """Under pytest-xdist, every browser test runs on one worker, so the demo server is built once per run.

    The longest work is handed out first (the browser tests, then the walks), so no worker is left running
    it alone at the end while the other waits."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))

    def order(item) -> int:
        if item.get_closest_marker("browser"):
            return 0
        return 1 if item.path.name in LONG_RUNNING else 2

    items.sort(key=order)


COUNCIL_ROLES = (
    Role.FRONT_DOOR,
    Role.ASSESSOR,
    Role.TEAM_MANAGER,
    Role.PANEL_MEMBER,
    Role.PERFORMANCE_LEAD,
    Role.COUNCIL_ADMIN,
)
PROVIDER_ROLES = (Role.ASSESSOR, Role.TEAM_MANAGER, Role.CONTRACT_MANAGER)


@dataclass
class Cast:
    council_a: Organisation
    council_b: Organisation
    provider: Organisation
    referrer_org_a: Organisation
    referrer_org_b: Organisation
    person_a: Person  # council A, not handed over
    person_a_handed: Person  # council A, handed to the provider's contract
    person_b: Person  # council B
    citizen_person_a: Person
    citizen_person_b: Person
    members: dict[str, Membership] = field(default_factory=dict)
    # Casework (and safeguarding records) on each person, keyed by person id, and each council's letter template.
    casework: dict[int, dict] = field(default_factory=dict)
    letter_templates: dict[int, object] = field(default_factory=dict)
    portal_referral_a: object = None
    imports: dict[int, object] = field(default_factory=dict)
    allocation_runs: dict[int, object] = field(default_factory=dict)
    # Each council's invitation of one of the other council's workers, waiting for an answer.
    invitations: dict[int, object] = field(default_factory=dict)
    # Council A's neighbours of the provider, the surgery and the citizen above.
    provider_q: Organisation = None
    person_a_handed_q: Person = None  # council A, handed to provider Q's contract
    referrer_org_a2: Organisation = None
    portal_referral_a2: object = None
    citizen_person_a2: Person = None
    # Someone on record as acting for citizen A's person (a relationship; there is no sign-in for them).
    representative_a: object = None

    def member(self, key: str) -> Membership:
        return self.members[key]


def _member(org, role, **extra) -> Membership:
    qualification = extra.pop("qualification", "")
    if role == Role.ASSESSOR and not qualification:
        qualification = Qualification.CONTRACTED_ASSESSOR if org.kind == "provider" else Qualification.SOCIAL_WORKER
    return factories.MembershipFactory(organisation=org, role=role, qualification=qualification, **extra)


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()


def _assessments(cast: Cast) -> None:
    """Each person's assessment, with the funding panel after one earlier return to re-plan; a handed-over
    person's assessment done by the provider it was handed to."""
    for person, organisation in (
        (cast.person_a, cast.council_a),
        (cast.person_a_handed, cast.provider),
        (cast.person_b, cast.council_b),
        (cast.citizen_person_a, cast.council_a),
        (cast.citizen_person_b, cast.council_b),
        (cast.person_a_handed_q, cast.provider_q),
        (cast.citizen_person_a2, cast.council_a),
    ):
        assessment = factories.AssessmentFactory(
            allocation__entry__person=person,
            allocation__organisation=organisation,
            status="with_panel",
            what_matters=f"What matters to {person.family_name}",
        )
        cast.casework[person.pk]["assessment"] = assessment
        cast.casework[person.pk]["panel_decision"] = factories.PanelDecisionFactory(assessment=assessment)


def build_cast() -> Cast:
    with scopes_disabled():
        council_a = factories.CouncilFactory(name="Council A")
        council_b = factories.CouncilFactory(name="Council B")
        provider = factories.ProviderFactory(name="Provider P")
        contract = factories.ContractFactory(council=council_a, provider=provider)
        # The provider also holds a contract with B, so only handovers (not councils) separate B's people.
        factories.ContractFactory(council=council_b, provider=provider)
        referrer_org_a = factories.ReferrerOrganisationFactory(council=council_a, name="Surgery A")
        referrer_org_b = factories.ReferrerOrganisationFactory(council=council_b, name="Surgery B")
        person_a = factories.PersonFactory(
            council=council_a, given_name="Alice", family_name="Ashworth", nhs_number="9434765919"
        )
        person_a_handed = factories.PersonFactory(council=council_a, given_name="Harold", family_name="Handley")
        factories.HandoverFactory(person=person_a_handed, contract=contract)
        person_b = factories.PersonFactory(
            council=council_b, given_name="Bertha", family_name="Outsider", nhs_number="4010232137"
        )
        citizen_person_a = factories.PersonFactory(council=council_a, given_name="Cecil", family_name="Quayle")
        citizen_person_b = factories.PersonFactory(council=council_b, given_name="Doris", family_name="Elsewhere")
        provider_q = factories.ProviderFactory(name="Provider Q, Queensway Care")
        contract_q = factories.ContractFactory(council=council_a, provider=provider_q)
        person_a_handed_q = factories.PersonFactory(
            council=council_a, given_name="Quentin", family_name="Quigley", nhs_number="9876543210"
        )
        factories.HandoverFactory(person=person_a_handed_q, contract=contract_q)
        referrer_org_a2 = factories.ReferrerOrganisationFactory(council=council_a, name="Surgery A2")
        citizen_person_a2 = factories.PersonFactory(council=council_a, given_name="Cora", family_name="Quennell")
        cast = Cast(
            council_a,
            council_b,
            provider,
            referrer_org_a,
            referrer_org_b,
            person_a,
            person_a_handed,
            person_b,
            citizen_person_a,
            citizen_person_b,
            provider_q=provider_q,
            person_a_handed_q=person_a_handed_q,
            referrer_org_a2=referrer_org_a2,
            citizen_person_a2=citizen_person_a2,
        )
        for role in COUNCIL_ROLES:
            cast.members[f"{role}_a"] = _member(council_a, role)
            cast.members[f"{role}_b"] = _member(council_b, role)
        for role in PROVIDER_ROLES:
            cast.members[f"provider_{role}"] = _member(provider, role)
            cast.members[f"provider_q_{role}"] = _member(provider_q, role)
        for council, suffix in ((council_a, "a"), (council_b, "b")):
            teams = factories.SafeguardingTeamsFactory(council=council)
            cast.members[f"safeguarding_{suffix}"] = _member(
                council, Role.ASSESSOR, team=teams.safeguarding_teams.get()
            )
            cast.members[f"dols_{suffix}"] = _member(council, Role.TEAM_MANAGER, team=teams.dols_teams.get())
        cast.members["referrer_a"] = _member(referrer_org_a, Role.REFERRER)
        cast.members["referrer_b"] = _member(referrer_org_b, Role.REFERRER)
        cast.members["referrer_a2"] = _member(referrer_org_a2, Role.REFERRER)
        for key, person in (
            ("citizen_a", citizen_person_a),
            ("citizen_b", citizen_person_b),
            ("citizen_a2", citizen_person_a2),
        ):
            membership = _member(person.council, Role.CITIZEN)
            factories.CitizenAccountFactory(person=person, user=membership.user)
            cast.members[key] = membership
        for person in (
            person_a,
            person_a_handed,
            person_b,
            citizen_person_a,
            citizen_person_b,
            person_a_handed_q,
            citizen_person_a2,
        ):
            cast.casework[person.pk] = {
                "note": factories.NoteFactory(person=person),
                "document": factories.DocumentFactory(person=person),
                "letter": factories.DocumentFactory(
                    person=person, category="letter", title=f"Appointment letter to {person.family_name}"
                ),
                "task": factories.TaskFactory(person=person),
                "warning": factories.WarningFactory(person=person),
                "referral": factories.ReferralFactory(person=person),
                "entry": factories.WaitingListEntryFactory(person=person),
                # Raised and led by people outside the walk's actors, so only the teams may open them.
                "enquiry": factories.EnquiryFactory(
                    concern__person=person, concern__what_happened=f"Safeguarding concern about {person.family_name}"
                ),
                "dols": factories.DolsApplicationFactory(
                    person=person, reasons=f"DoLS reasons for {person.family_name}"
                ),
            }
            cast.casework[person.pk]["concern"] = cast.casework[person.pk]["enquiry"].concern
        _assessments(cast)
        for council in (council_a, council_b):
            cast.letter_templates[council.pk] = factories.LetterTemplateFactory(council=council)
        for council, admin in ((council_a, "council_admin_a"), (council_b, "council_admin_b")):
            cast.imports[council.pk] = factories.BacklogImportFactory(
                council=council, uploaded_by=cast.members[admin].user
            )
        for council, manager in ((council_a, "team_manager_a"), (council_b, "team_manager_b")):
            cast.allocation_runs[council.pk] = AllocationRun.objects.create(
                council=council, requested_by=cast.members[manager].user, status="done"
            )
        # Each invites a worker of the other council who is none of the walk's actors.
        for council, admin, other in (
            (council_a, "council_admin_a", council_b),
            (council_b, "council_admin_b", council_a),
        ):
            cast.invitations[council.pk] = Invitation.objects.create(
                organisation=council,
                email=_member(other, Role.FRONT_DOOR).user.email,
                full_name="Invited Worker",
                role=Role.FRONT_DOOR,
                invited_by=cast.members[admin].user,
            )
        # A referral Surgery A made through the portal, about Alice, spelt as the referrer typed it.
        cast.portal_referral_a = factories.ReferralFactory(
            person=person_a,
            channel="portal",
            referrer_organisation=referrer_org_a,
            submitted_details={"given_name": "Alyce", "family_name": "Ashwerth"},
            reason="Surgery A portal referral: memory worse since the summer",
        )
        # Surgery A2's own portal referral, also about Alice: Surgery A must not reach it, nor A2 Surgery A's.
        cast.portal_referral_a2 = factories.ReferralFactory(
            person=person_a,
            channel="portal",
            referrer_organisation=referrer_org_a2,
            submitted_details={"given_name": "Allyssa", "family_name": "Ashwurth"},
            reason="Surgery A2 portal referral: falls at night",
        )
        cast.representative_a = factories.RelationshipFactory(
            person=citizen_person_a, kind="representative", name="Rowena Speaksfor"
        )
    return cast


@pytest.fixture
def sign_in(client):
    """Sign the test client in as a membership, in that role."""

    def as_member(membership: Membership):
        client.force_login(membership.user)
        session = client.session
        session["membership_id"] = membership.pk
        session.save()
        return client

    return as_member
