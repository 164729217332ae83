"""Nothing of safeguarding or DoLS reaches a provider, a referrer or a citizen (Care Act s.79: never delegated).

A person handed to provider A's contract has a DoLS request screened onto the waiting list and reprioritised,
another authorised by the signatory, safeguarding concerns (one raised from
a keep-in-touch call) and a protection plan action, all made through the pages the council uses. Then every page
about that person, every list, search and export, is walked as provider A's assessor, QA lead and contract
manager, as a second provider of the same council, as a referrer and as the person themself: none of it may
show, and the records themselves answer 404 wherever the role could open a record of that kind. New pages are
walked as they are added: the walk reads Django's resolver.
"""

import datetime
import re
import uuid
from dataclasses import dataclass, field, replace

import pytest
from django.db import transaction
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.casework.models import Task
from assessflow.conftest import Cast, build_cast
from assessflow.people.extensions import timeline_kinds
from assessflow.safeguarding.categories import Requirement
from assessflow.safeguarding.models import Concern, DolsApplication, ProtectionAction
from assessflow.tenancy.roles import Qualification, Role
from assessflow.tests import factories
from assessflow.tests.url_walk import body, fill, reads_its_query, walk, walked
from assessflow.waiting.models import WaitingListEntry

from .helpers import CONCERN, assess, dols_assessors, grant, name_assessors, raise_concern

SIGNATORY = "Sigrid Signatory"
# Words no page may show a provider or a citizen. A referrer's portal offers to raise a concern or send a DoLS
# request, so for them only the records themselves are looked for.
WORDS = ["DoLS", "Deprivation of Liberty"]
PERSON_ARGUMENTS = {
    "person_id",
    "note_id",
    "document_id",
    "warning_id",
    "task_id",
    "referral_id",
    "entry_id",
    "concern_id",
    "enquiry_id",
    "application_id",
    "assessment_id",
    "decision_id",
}
# Parts of a page named by a fixed word rather than a record: an assessment's section by its slug.
PARTS = {"section": "how"}
# Pages about an organisation, its settings or a sign-in link, not about a person (the tenancy walk covers them).
NOT_ABOUT_A_PERSON = {"membership_id", "invitation_id", "template_id", "run_id", "import_id", "token", "uidb64"}
OUTSIDERS = [
    "provider_assessor",
    "provider_team_manager",
    "provider_contract_manager",
    "provider_b_assessor",
    "provider_b_team_manager",
    "provider_b_contract_manager",
    "referrer_a",
    "citizen",
]


@dataclass
class Case:
    person: object
    members: dict
    ordinary: dict[str, int]  # the person's everyday records, which a provider's staff may open
    restricted: dict[str, list[int]] = field(default_factory=dict)  # safeguarding and DoLS, by URL argument
    markers: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=lambda: [SIGNATORY])


def _dols_request(client, person, reasons: str) -> DolsApplication:
    client.post(
        f"/safeguarding/people/{person.pk}/dols/new/",
        {
            "managing_authority": "Elm Lodge Care Home",
            "setting": "care_home",
            "managing_authority_organisation": "",
            "reasons": reasons,
            "urgent": "no",
            "urgent_given_on_0": "",
            "urgent_given_on_1": "",
            "urgent_given_on_2": "",
            "urgent_days": "",
            "submission_id": str(uuid.uuid4()),
        },
    )
    with scopes_disabled():
        return DolsApplication.objects.filter(person=person).latest("pk")


# A screening criterion of the tool for each priority the walk screens at.
CRITERION = {"high": "objecting", "low": "settled"}


def _screen(client, application, priority: str, rationale: str) -> DolsApplication:
    client.post(
        f"/safeguarding/dols/{application.pk}/screen/",
        {"criteria": [CRITERION[priority]], "note": rationale, "team": "", "version": application.version},
    )
    with scopes_disabled():
        return DolsApplication.objects.get(pk=application.pk)


def _grant(cast, sign_in, client, application) -> None:
    """Named, assessed by the council's BIA (who enters the external doctor's assessment), signed by the DoLS team."""
    bia, doctor = dols_assessors(cast)
    name_assessors(client, application, bia, doctor)
    assessor = sign_in(bia)
    for requirement in Requirement.values:
        assess(assessor, application, requirement)
    with scopes_disabled():
        application.refresh_from_db()
    sign_in(cast.member("dols_a")).post(f"/safeguarding/dols/{application.pk}/decide/", grant(application))


def _outsiders(cast, person) -> dict:
    """Provider A (the person's), a second provider of the same council, a referrer, and the person themself."""
    members = {key: cast.member(key) for key in OUTSIDERS if key in cast.members}
    provider_b = factories.ProviderFactory(name="Provider B")
    factories.ContractFactory(council=cast.council_a, provider=provider_b)
    for role in (Role.ASSESSOR, Role.TEAM_MANAGER, Role.CONTRACT_MANAGER):
        qualification = Qualification.CONTRACTED_ASSESSOR if role == Role.ASSESSOR else ""
        members[f"provider_b_{role}"] = factories.MembershipFactory(
            organisation=provider_b, role=role, qualification=qualification
        )
    members["citizen"] = factories.MembershipFactory(organisation=cast.council_a, role=Role.CITIZEN)
    factories.CitizenAccountFactory(person=person, user=members["citizen"].user)
    return members


def _safeguarding(cast, sign_in, case: Case) -> None:
    """A concern raised by the safeguarding team, one from a keep-in-touch call, and a protection plan action."""
    person, items = case.person, cast.casework[case.person.pk]
    raise_concern(sign_in(cast.member("safeguarding_a")), person)
    due = timezone.localdate() + datetime.timedelta(days=7)
    sign_in(cast.member("safeguarding_a")).post(
        f"/safeguarding/enquiries/{items['enquiry'].pk}/actions/new/",
        {
            "action": "Ask the bank to change the mandate",
            "owner": cast.member("assessor_a").user.pk,
            "due_on_0": due.day,
            "due_on_1": due.month,
            "due_on_2": due.year,
            "submission_id": str(uuid.uuid4()),
        },
    )
    sign_in(cast.member("front_door_a")).post(
        f"/waiting/entries/{items['entry'].pk}/keep-in-touch/",
        {
            "submission_id": str(uuid.uuid4()),
            "method": "phone",
            "things_changed": "yes",
            "notes": "Bruising on both wrists again",
            "outcome": "safeguarding",
        },
    )
    with scopes_disabled():
        concerns = list(Concern.objects.filter(person=person).values_list("pk", flat=True))
        task = ProtectionAction.objects.get(enquiry=items["enquiry"]).task_id
    assert len(concerns) == 3, "the concern raised, the keep-in-touch one and the enquiry's"
    case.restricted.update(concern_id=concerns, enquiry_id=[items["enquiry"].pk], task_id=[task])
    case.markers += [
        CONCERN["what_happened"],
        items["concern"].what_happened,
        "Bruising on both wrists again",
        "Keep-in-touch contact: Raise a safeguarding concern",
        "Ask the bank to change the mandate",
        "Restricted action",
        *(f"SG-{pk:06d}" for pk in concerns),
        f"SE-{items['enquiry'].pk:06d}",
    ]


def _dols(cast, sign_in, case: Case) -> None:
    """One request waiting and reprioritised, and one authorised by the signatory. (A referral is never screened onto
    DoLS work: a DoLS request is recorded as one.)"""
    person = case.person
    team = sign_in(cast.member("dols_a"))
    waiting = _screen(team, _dols_request(team, person, "Locked doors and one-to-one at night"), "high", "Objecting")
    decided = _screen(team, _dols_request(team, person, "Asks to go home every evening"), "low", "Settled now")
    _grant(cast, sign_in, team, decided)
    manager = sign_in(cast.member("team_manager_a"))
    manager.post(
        f"/waiting/entries/{waiting.waiting_entry_id}/priority/",
        {"priority": "amber", "rationale": "Assessor free next week", "version": 1},
    )
    with scopes_disabled():
        entries = list(WaitingListEntry.objects.filter(person=person, work_type="dols").order_by("pk"))
        applications = list(DolsApplication.objects.filter(person=person).values_list("pk", flat=True))
        decided = DolsApplication.objects.get(pk=decided.pk)
    assert [e.status for e in entries] == ["waiting", "completed"]
    assert decided.status == "granted" and decided.signatory.full_name == SIGNATORY
    case.restricted.update(entry_id=[e.pk for e in entries], application_id=applications)
    case.markers += [
        "Objecting",
        "Settled now",
        "Assessor free next week",
        *(f"DL-{pk:06d}" for pk in applications),
        *(f"Due by {e.due_on:%-d %B %Y}" for e in entries),
        *(f"/entries/{e.pk}/" for e in entries),
    ]


def _signer(client):
    """Sign a client in as a membership, as the shared sign_in fixture does, for the module's fixture."""

    def as_member(membership):
        client.force_login(membership.user)
        session = client.session
        session["membership_id"] = membership.pk
        session.save()
        return client

    return as_member


@pytest.fixture(scope="module")
def walk_case(django_db_setup, django_db_blocker):
    """The cast and the case built once for every outsider: each test's own writes (its session, what its POSTs
    leave) roll back to a savepoint inside this transaction, and the cast and case when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_cast()
        yield built, _build_case(built, _signer(Client()))
        transaction.set_rollback(True)


@pytest.fixture
def cast(walk_case, db) -> Cast:
    return walk_case[0]


@pytest.fixture
def case(walk_case, db) -> Case:
    """The module's case, with lists of its own: a test adds to the words it looks for."""
    built = walk_case[1]
    return replace(built, restricted=dict(built.restricted), markers=list(built.markers), words=list(built.words))


def _build_case(cast, sign_in) -> Case:
    person = cast.person_a_handed
    with scopes_disabled():
        signatory = cast.member("dols_a").user
        signatory.full_name = SIGNATORY
        signatory.save()
        items = cast.casework[person.pk]
        ordinary = {f"{kind}_id": items[kind].pk for kind in ("note", "document", "warning", "task", "entry")}
        ordinary |= {"assessment_id": items["assessment"].pk, "decision_id": items["panel_decision"].pk}
        built = Case(person, _outsiders(cast, person), {"person_id": person.pk, **ordinary})
    _safeguarding(cast, sign_in, built)
    _dols(cast, sign_in, built)
    return built


def assert_nothing_shown(response, case: Case, where: str) -> None:
    assert response.status_code < 500, f"{where}: {response.status_code}"
    # Random tokens (the CSRF token on every page) could spell a short word by chance.
    text = re.sub(r"[A-Za-z0-9]{32,}", "", body(response)).lower()
    for marker in case.markers:
        assert marker.lower() not in text, f"{where} showed {marker!r}"
    # A form may offer the council's workers and teams (the signatory, the "DoLS" team) as a task's owner; anywhere
    # else their names tell of the work.
    outside_choices = re.sub(r"<option[^>]*>[^<]*</option>", "", text)
    for word in case.words:
        assert word.lower() not in outside_choices, f"{where} showed {word!r}"


def get_every_page_of(client, path: str, query: dict, case: Case, where: str):
    """The page and, for a paged timeline, every older page after it; answers the first."""
    first = response = client.get(path, query)
    assert_nothing_shown(response, case, where)
    status, seen = response.status_code, 0
    while status == 200 and (older := re.search(r'before=([^"&#]+)', body(response))) and seen < 20:
        response = client.get(path, {**query, "before": older.group(1).replace("%3A", ":").replace("%2B", "+")})
        assert_nothing_shown(response, case, f"{where} (older)")
        seen += 1
    return first


QUERIES = [
    {},
    {"work_type": "dols"},
    {"work_type": "dols", "priority": "red", "overdue": "on", "sort": "due"},
    {"priority": "amber"},
    {"family_name": "Handley", "given_name": "Harold"},
]


def snapshot() -> list:
    with scopes_disabled():
        return [
            list(WaitingListEntry.objects.order_by("pk").values_list("pk", "status", "version", "priority")),
            list(DolsApplication.objects.order_by("pk").values_list("pk", "status", "version")),
            list(Concern.objects.order_by("pk").values_list("pk", "status", "version")),
            list(Task.objects.order_by("pk").values_list("pk", "status", "assigned_to_id")),
        ]


def assert_the_council_sees_it(cast, case: Case, sign_in) -> None:
    """The council's DoLS team sees what the walk looks for: without this the walk could pass by looking for words
    no page ever shows, or by a filter that hides the work from the council too."""
    team = sign_in(cast.member("dols_a"))
    timeline = body(team.get(f"/people/{case.person.pk}/")).lower()
    for marker in ("Deprivation of Liberty", SIGNATORY, "Keep-in-touch contact: Raise a safeguarding concern"):
        assert marker.lower() in timeline, f"the DoLS team does not see {marker!r}"
    entry = case.restricted["entry_id"][0]
    assert f"/waiting/entries/{entry}/" in body(team.get("/waiting/", {"work_type": "dols"}))
    assert team.get(f"/waiting/entries/{entry}/").status_code == 200


def walk_ordinary(client, route: str, kind: str, case: Case, where: str) -> int:
    """The person's own pages, the timeline under every filter: whatever the role may open, nothing restricted."""
    path = fill(route, {kind: case.ordinary[kind]})
    status = get_every_page_of(client, path, {}, case, where).status_code
    if kind == "person_id":
        for timeline_kind in timeline_kinds():
            get_every_page_of(client, path, {"kind": timeline_kind}, case, f"{where} kind={timeline_kind}")
    return status


def walk_restricted(client, route: str, kind: str, case: Case, where: str, ordinary_status: int | None) -> None:
    """A safeguarding or DoLS record answers as if it did not exist: 404 where the role opens records of its kind,
    otherwise the page's own 403; read or written, it shows nothing."""
    for pk in case.restricted.get(kind, []):
        path = fill(route, {kind: pk})
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code in (403, 404, 405), f"{method.__name__} {path} {where}: {response.status_code}"
            if ordinary_status == 200 and method == client.get:
                assert response.status_code == 404, f"GET {path} {where} tells a restricted record from another"
            assert_nothing_shown(response, case, f"{method.__name__} {path} {where}")


# On PostgreSQL one outsider of each kind (a provider's assessor, a surgery, a citizen): which rows each may see is
# decided by the same selectors for every role of a kind, so these run every hiding query on the production
# database, and the whole run keeps to its time (docs/decisions/0012). SQLite walks every outsider.
POSTGRESQL_OUTSIDERS = ["provider_assessor", "referrer_a", "citizen"]


@pytest.mark.parametrize("actor", walked(OUTSIDERS, POSTGRESQL_OUTSIDERS))
def test_no_page_tells_an_outsider_of_safeguarding_or_dols(cast, case, sign_in, actor):
    assert_the_council_sees_it(cast, case, sign_in)
    client = sign_in(case.members[actor])
    if not actor.startswith("referrer"):
        case.words += WORDS
    before = snapshot()
    for name, route, all_arguments in walk(get_resolver()):
        route = fill(route, PARTS)[1:]
        arguments = [argument for argument in all_arguments if argument not in PARTS]
        kinds = set(arguments)
        assert kinds <= PERSON_ARGUMENTS | NOT_ABOUT_A_PERSON, f"{name} takes {arguments}: teach this walk"
        if kinds & NOT_ABOUT_A_PERSON:
            continue
        where = f"as {actor}"
        if not arguments:
            for query in QUERIES:
                page = get_every_page_of(client, "/" + route, query, case, f"GET /{route} {query} {where}")
                if not reads_its_query(page):
                    break  # it would answer every filter alike
            continue
        assert len(arguments) == 1, f"{name} takes {arguments}: teach this walk"
        [kind] = arguments
        ordinary = walk_ordinary(client, route, kind, case, f"{name} {where}") if kind in case.ordinary else None
        walk_restricted(client, route, kind, case, where, ordinary)
    assert snapshot() == before, f"a page changed a safeguarding or DoLS record as {actor}"


def test_a_worker_of_both_the_council_and_a_provider_sees_the_councils_dols_work_only_as_the_council(cast, sign_in):
    """Someone who works for the council and for provider A: the DoLS case the council gave them is on their
    caseload as the council's worker, never when they act for the provider."""
    from assessflow.allocation.models import Area, AssessorProfile

    with scopes_disabled():
        as_council = factories.MembershipFactory(
            organisation=cast.council_a, role=Role.ASSESSOR, qualification=Qualification.SOCIAL_WORKER
        )
        as_provider = factories.MembershipFactory(
            user=as_council.user,
            organisation=cast.provider,
            role=Role.ASSESSOR,
            qualification=Qualification.CONTRACTED_ASSESSOR,
        )
        profile = AssessorProfile.objects.create(
            council=cast.council_a, membership=as_council, weekly_slots=5, skills=["bia"], working_days=[0, 1]
        )
        profile.areas.add(Area.objects.create(council=cast.council_a, code="LU1"))
    team = sign_in(cast.member("dols_a"))
    application = _screen(team, _dols_request(team, cast.person_a, "Locked doors"), "high", "Objecting")
    allocated = sign_in(cast.member("team_manager_a")).post(
        f"/allocation/entries/{application.waiting_entry_id}/",
        {"assessor": as_council.user.pk, "reason": "Our best interests assessor"},
    )
    assert allocated.status_code == 302
    assert cast.person_a.family_name in body(sign_in(as_council).get("/allocation/caseload/"))
    page = body(sign_in(as_provider).get("/allocation/caseload/"))
    assert cast.person_a.family_name not in page
    assert "Deprivation of Liberty" not in page
    assert "Nothing is allocated to you" in page


def test_the_postgresql_walk_takes_outsiders_the_full_walk_knows():
    assert set(POSTGRESQL_OUTSIDERS) <= set(OUTSIDERS)
