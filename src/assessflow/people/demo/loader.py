"""Loads the demo council: its provider, referrers, teams, a user for every role, and its people.

Idempotent: organisations and users are matched by name and email, people by their
demo reference, so running it again adds only what is missing.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django_scopes import scopes_disabled

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.tenancy.models import Contract, Membership, Organisation, Team, User
from assessflow.tenancy.roles import OrganisationKind, Qualification, Role

from ..actions import AccessAction
from ..models import CitizenAccount, Handover, Person, Relationship
from . import population

COUNCIL_NAME = "Demo Borough Council"
COUNCIL_CODE = "E99999999"
PROVIDER_NAME = "Brightpath Assessment Services"
CONTRACT_REFERENCE = "DBC-REV-2026"
SEED = 2026


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    organisation: str
    role: Role
    qualification: str = ""
    team: str = ""


DEMO_USERS = (
    DemoUser("frontdoor@demo-borough.example", "Fiona Doyle", COUNCIL_NAME, Role.FRONT_DOOR, team="Front Door"),
    DemoUser(
        "social.worker@demo-borough.example",
        "Sam Okoro",
        COUNCIL_NAME,
        Role.ASSESSOR,
        Qualification.SOCIAL_WORKER,
        "Reviews Team",
    ),
    DemoUser(
        "ot@demo-borough.example",
        "Olivia Turner",
        COUNCIL_NAME,
        Role.ASSESSOR,
        Qualification.OCCUPATIONAL_THERAPIST,
        "Occupational Therapy",
    ),
    DemoUser(
        "assistant@demo-borough.example",
        "Adam Shah",
        COUNCIL_NAME,
        Role.ASSESSOR,
        Qualification.UNQUALIFIED,
        "Reviews Team",
    ),
    DemoUser(
        "trusted.assessor@demo-borough.example",
        "Tara Ng",
        COUNCIL_NAME,
        Role.ASSESSOR,
        Qualification.TRUSTED_ASSESSOR,
        "Reviews Team",
    ),
    DemoUser(
        "manager@demo-borough.example",
        "Maria Lopez",
        COUNCIL_NAME,
        Role.TEAM_MANAGER,
        Qualification.SOCIAL_WORKER,
        "Reviews Team",
    ),
    DemoUser(
        "safeguarding@demo-borough.example",
        "Sara Whitfield",
        COUNCIL_NAME,
        Role.ASSESSOR,
        Qualification.SOCIAL_WORKER,
        "Safeguarding Adults",
    ),
    DemoUser(
        "safeguarding.manager@demo-borough.example",
        "Kwame Mensah",
        COUNCIL_NAME,
        Role.TEAM_MANAGER,
        team="Safeguarding Adults",
    ),
    DemoUser(
        "dols@demo-borough.example", "Dev Mistry", COUNCIL_NAME, Role.TEAM_MANAGER, Qualification.SOCIAL_WORKER, "DoLS"
    ),
    DemoUser("panel@demo-borough.example", "Peter Grant", COUNCIL_NAME, Role.PANEL_MEMBER),
    DemoUser("performance@demo-borough.example", "Priya Raman", COUNCIL_NAME, Role.PERFORMANCE_LEAD),
    DemoUser("admin@demo-borough.example", "Alex Morgan", COUNCIL_NAME, Role.COUNCIL_ADMIN),
    DemoUser("contract.manager@brightpath.example", "Chris Bell", PROVIDER_NAME, Role.CONTRACT_MANAGER),
    DemoUser("qa@brightpath.example", "Quinn Adeyemi", PROVIDER_NAME, Role.TEAM_MANAGER, team="Contracted Reviews"),
    DemoUser(
        "assessor@brightpath.example",
        "Casey Walsh",
        PROVIDER_NAME,
        Role.ASSESSOR,
        Qualification.CONTRACTED_ASSESSOR,
        "Contracted Reviews",
    ),
    DemoUser("gp@riverside-practice.example", "Dr Rhys Evans", "Riverside Medical Practice", Role.REFERRER),
    DemoUser("discharge@demo-hospital.example", "Nadia Hussain", "Demo General Hospital discharge team", Role.REFERRER),
    DemoUser("manager@elm-lodge.example", "Grace Howell", "Elm Lodge Care Home", Role.REFERRER),
    DemoUser("citizen@demo-resident.example", "", COUNCIL_NAME, Role.CITIZEN),
)
TEAMS = {
    COUNCIL_NAME: ("Front Door", "Reviews Team", "Occupational Therapy", "Safeguarding Adults", "DoLS"),
    PROVIDER_NAME: ("Contracted Reviews",),
}
REFERRERS = ("Riverside Medical Practice", "Demo General Hospital discharge team", "Elm Lodge Care Home")


def _organisations() -> dict[str, Organisation]:
    council, _ = Organisation.objects.get_or_create(
        kind=OrganisationKind.COUNCIL, name=COUNCIL_NAME, defaults={"la_code": COUNCIL_CODE}
    )
    provider, _ = Organisation.objects.get_or_create(kind=OrganisationKind.PROVIDER, name=PROVIDER_NAME)
    orgs = {COUNCIL_NAME: council, PROVIDER_NAME: provider}
    for name in REFERRERS:
        orgs[name], _ = Organisation.objects.get_or_create(
            kind=OrganisationKind.REFERRER, name=name, defaults={"council": council}
        )
    Contract.objects.get_or_create(
        council=council,
        reference=CONTRACT_REFERENCE,
        defaults={"provider": provider, "starts_on": datetime.date(2026, 4, 1), "council_signs_off": True},
    )
    for org_name, team_names in TEAMS.items():
        for team_name in team_names:
            Team.objects.get_or_create(organisation=orgs[org_name], name=team_name)
    return orgs


def _users(orgs: dict[str, Organisation], citizen_person: Person) -> None:
    for spec in DEMO_USERS:
        full_name = spec.full_name or citizen_person.full_name
        user = User.objects.filter(email=spec.email).first() or User(email=spec.email)
        user.full_name = full_name
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
        org = orgs[spec.organisation]
        team = Team.objects.get(organisation=org, name=spec.team) if spec.team else None
        Membership.objects.update_or_create(
            user=user, organisation=org, role=spec.role, defaults={"qualification": spec.qualification, "team": team}
        )
        if spec.role == Role.CITIZEN:
            CitizenAccount.objects.get_or_create(user=user, defaults={"person": citizen_person, "council": org})


def _load_chunk(council: Organisation, contract: Contract, indexes: range, today: datetime.date) -> int:
    refs = [f"DEMO-{i:07d}" for i in indexes]
    present = set(
        Person.objects.filter(council=council, external_reference__in=refs).values_list("external_reference", flat=True)
    )
    rows = [population.person_row(i, today, SEED) for i in indexes if f"DEMO-{i:07d}" not in present]
    if not rows:
        return 0
    with transaction.atomic():
        created = Person.objects.bulk_create([Person(council=council, **row) for row in rows])
        by_ref = {p.external_reference: p for p in created}
        if any(p.pk is None for p in created):
            by_ref = {
                p.external_reference: p
                for p in Person.objects.filter(council=council, external_reference__in=list(by_ref))
            }
        handovers, carers = [], []
        for ref, person in by_ref.items():
            index = int(ref.removeprefix("DEMO-"))
            if index % 5 == 0:  # one in five cases is in the backlog batch handed to the provider
                handovers.append(Handover(council=council, person=person, contract=contract))
            name = population.carer_name(index, person.family_name, SEED)
            if name:
                carers.append(
                    Relationship(
                        council=council,
                        person=person,
                        kind=Relationship.Kind.CARER,
                        name=name,
                        provides_unpaid_care=True,
                        is_main_contact=True,
                    )
                )
        Handover.objects.bulk_create(handovers)
        Relationship.objects.bulk_create(carers)
    return len(rows)


@scopes_disabled()
def load_demo_council(*, people: int, today: datetime.date, progress=None) -> int:
    """Create whatever of the demo council is missing. Returns how many people were added."""
    with transaction.atomic():
        orgs = _organisations()
    council = orgs[COUNCIL_NAME]
    contract = Contract.objects.get(council=council, reference=CONTRACT_REFERENCE)
    added = 0
    for indexes in population.chunks(max(people, 1)):
        added += _load_chunk(council, contract, indexes, today)
        if progress:
            progress(indexes.stop - 1, added)
    citizen_person = Person.objects.get(council=council, external_reference="DEMO-0000001")
    with transaction.atomic():
        _users(orgs, citizen_person)
        if added:
            record_access(
                actor=Actor.system("load_demo"),
                kind=AccessEvent.Kind.CHANGE,
                action=AccessAction.PERSON_LOADED,
                council_id=council.pk,
                detail={"people_added": added},
            )
    return added


def demo_logins() -> list[tuple[str, str, str]]:
    """(role, organisation, email) for every demo user, for printing at start-up."""
    rows = []
    for spec in DEMO_USERS:
        label = spec.role.label
        if spec.qualification:
            label = f"{label} ({Qualification(spec.qualification).label.lower()})"
        if spec.team:
            label = f"{label}, {spec.team}"
        rows.append((label, spec.organisation, spec.email))
    return rows
