"""Walks every URL pattern as every role and checks nobody reaches another tenant's data.

New URLs are covered automatically: the walk reads Django's resolver. A pattern whose
arguments the walk cannot fill (an unknown kind of object id) fails the test, so a
new kind of object must be taught here before it can ship.
"""

from urllib.parse import quote

import pytest
from django.db import transaction
from django.urls import get_resolver

from assessflow.conftest import Cast, build_cast
from assessflow.tests.url_walk import body, fill, reads_its_query, walk, walked


@pytest.fixture(scope="module")
def walk_cast(django_db_setup, django_db_blocker):
    """The cast, built once for every actor the walk takes: each test's own writes (its session, what its POSTs
    leave) roll back to a savepoint inside this transaction, and the cast itself when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_cast()
        transaction.set_rollback(True)


@pytest.fixture
def cast(walk_cast, db) -> Cast:
    return walk_cast


# Pages anyone may open signed out.
PUBLIC = {"sign-in", "accessibility", "set-password", "password-forgotten", "password-reset-sent", "password-reset"}
# Posting here ends the walk's own session; it shows no data either way.
NOT_POSTED = {"sign-out"}

ACTORS = [
    *(
        f"{role}_a"
        for role in ("front_door", "assessor", "team_manager", "panel_member", "performance_lead", "council_admin")
    ),
    *(f"{role}_b" for role in ("front_door", "assessor", "team_manager")),
    "safeguarding_a",
    "dols_a",
    "provider_assessor",
    "provider_team_manager",
    "provider_contract_manager",
    # Council A's neighbours: another provider, surgery and citizen in the same council, where tenancy hides nothing.
    "provider_q_assessor",
    "provider_q_team_manager",
    "provider_q_contract_manager",
    "referrer_a",
    "referrer_a2",
    "referrer_b",
    "citizen_a",
    "citizen_a2",
    "citizen_b",
]

# On PostgreSQL the walk takes one actor of each kind that tenancy separates (another council's staff, a council
# against another council, a neighbouring provider, a provider's manager, a neighbouring surgery and citizen), so
# the scoping queries run on the production database while the whole run keeps to its time (docs/decisions/0012);
# SQLite walks every actor.
POSTGRESQL_ACTORS = [
    "front_door_b",
    "team_manager_a",
    "provider_q_assessor",
    "provider_contract_manager",
    "referrer_a2",
    "citizen_a2",
]


def council_staff(actor: str, suffix: str) -> bool:
    return actor.endswith(f"_{suffix}") and not actor.startswith(("provider_", "referrer_", "citizen_"))


def visible_people(cast: Cast, actor: str) -> set[int]:
    """What each actor may legitimately see, written out by hand rather than asked of the code under test."""
    if actor.startswith("provider_q_"):
        return {cast.person_a_handed_q.pk}
    if actor.startswith("provider_"):
        return {cast.person_a_handed.pk}
    citizens = {
        "citizen_a": cast.citizen_person_a,
        "citizen_a2": cast.citizen_person_a2,
        "citizen_b": cast.citizen_person_b,
    }
    if actor.startswith(("referrer_", "citizen_")):
        return {citizens[actor].pk} if actor in citizens else set()
    if council_staff(actor, "a"):
        return {
            cast.person_a.pk,
            cast.person_a_handed.pk,
            cast.citizen_person_a.pk,
            cast.person_a_handed_q.pk,
            cast.citizen_person_a2.pk,
        }
    return {cast.person_b.pk, cast.citizen_person_b.pk}


def all_people(cast: Cast):
    return [
        cast.person_a,
        cast.person_a_handed,
        cast.person_b,
        cast.citizen_person_a,
        cast.citizen_person_b,
        cast.person_a_handed_q,
        cast.citizen_person_a2,
    ]


def foreign_memberships(cast: Cast, actor: str) -> list[dict]:
    own = cast.member(actor).organisation_id
    return [{"membership_id": m.pk} for m in cast.members.values() if m.organisation_id != own]


def foreign_password_links(cast: Cast, actor: str) -> list[dict]:
    """Someone else's set-password link with a guessed token."""
    from django.utils.http import urlsafe_base64_encode

    others = [m.user for key, m in cast.members.items() if key != actor][:3]
    return [{"uidb64": urlsafe_base64_encode(str(u.pk).encode()), "token": "cq1-0123456789abcdef"} for u in others]


def sees_portal_referral(actor: str, surgery: str = "referrer_a") -> bool:
    """A surgery's portal referral about Alice: that surgery and council A's staff may see it, no one else
    (not the other surgery in the same council)."""
    return actor == surgery or council_staff(actor, "a")


def foreign_portal_referrals(cast: Cast, actor: str) -> list[dict]:
    referrals = {"referrer_a": cast.portal_referral_a, "referrer_a2": cast.portal_referral_a2}
    return [{"referral_id": r.pk} for surgery, r in referrals.items() if not sees_portal_referral(actor, surgery)]


def foreign_casework(kind: str, argument: str = ""):
    def items(cast: Cast, actor: str) -> list[dict]:
        hidden = [p for p in all_people(cast) if p.pk not in visible_people(cast, actor)]
        return [{argument or f"{kind}_id": cast.casework[p.pk][kind].pk} for p in hidden]

    return items


def opens_safeguarding(cast: Cast, actor: str, kind: str) -> set[int]:
    """Whose safeguarding (concern, enquiry) or DoLS records each actor may open: only the council's own teams."""
    team = {"concern": "safeguarding", "enquiry": "safeguarding", "dols": "dols"}[kind]
    if actor == f"{team}_a":
        return visible_people(cast, actor)
    return set()


def foreign_safeguarding(kind: str, argument: str):
    def items(cast: Cast, actor: str) -> list[dict]:
        opens = opens_safeguarding(cast, actor, kind)
        return [{argument: cast.casework[p.pk][kind].pk} for p in all_people(cast) if p.pk not in opens]

    return items


def other_councils_safeguarding(kind: str, argument: str):
    def items(cast: Cast, actor: str) -> list[dict]:
        seen = visible_people(cast, actor)
        return [{argument: cast.casework[p.pk][kind].pk} for p in all_people(cast) if p.pk not in seen]

    return items


def foreign_templates(cast: Cast, actor: str) -> list[dict]:
    own = cast.member(actor).council
    return [
        {"template_id": t.pk} for council_id, t in cast.letter_templates.items() if own is None or council_id != own.pk
    ]


def invitations_not_for(cast: Cast, actor: str) -> list[dict]:
    """Only the invited account's owner may answer an invitation."""
    email = cast.member(actor).user.email
    return [{"invitation_id": i.pk} for i in cast.invitations.values() if i.email != email]


def invitations_not_from(cast: Cast, actor: str) -> list[dict]:
    """Only the inviting organisation may withdraw its invitation."""
    own = cast.member(actor).organisation_id
    return [{"invitation_id": i.pk} for i in cast.invitations.values() if i.organisation_id != own]


# How to fill each pattern's arguments with objects the actor must not reach.
FOREIGN_ARGUMENTS = {
    ("person_id",): lambda cast, actor: [
        {"person_id": p.pk} for p in all_people(cast) if p.pk not in visible_people(cast, actor)
    ],
    ("membership_id",): foreign_memberships,
    ("token", "uidb64"): foreign_password_links,
    ("note_id",): foreign_casework("note"),
    # A letter is a document: its pages take the document's id.
    ("document_id",): lambda cast, actor: [
        *foreign_casework("document")(cast, actor),
        *foreign_casework("letter", "document_id")(cast, actor),
    ],
    ("task_id",): foreign_casework("task"),
    ("warning_id",): foreign_casework("warning"),
    ("template_id",): foreign_templates,
    ("referral_id",): lambda cast, actor: [
        *foreign_casework("referral")(cast, actor),
        *foreign_portal_referrals(cast, actor),
    ],
    ("entry_id",): foreign_casework("entry"),
    ("assessment_id",): foreign_casework("assessment"),
    # A section of the assessment is named by its slug, the same for every assessment.
    ("assessment_id", "section"): lambda cast, actor: [
        {**found, "section": "how"} for found in foreign_casework("assessment")(cast, actor)
    ],
    ("decision_id",): foreign_casework("panel_decision", "decision_id"),
    ("concern_id",): foreign_safeguarding("concern", "concern_id"),
    ("enquiry_id",): foreign_safeguarding("enquiry", "enquiry_id"),
    ("application_id",): foreign_safeguarding("dols", "application_id"),
    ("run_id",): lambda cast, actor: [
        {"run_id": run.pk}
        for council_id, run in cast.allocation_runs.items()
        if council_id != getattr(cast.member(actor).council, "pk", None)
    ],
    ("invitation_id",): invitations_not_from,
    ("import_id",): lambda cast, actor: [
        {"import_id": job.pk}
        for council_id, job in cast.imports.items()
        if council_id != getattr(cast.member(actor).council, "pk", None)
    ],
}


# Breaking the glass is how a council's own worker reaches its restricted records: only other
# councils' records are foreign to it.
def outside_the_pool(cast: Cast, actor: str) -> list[dict]:
    """A council's pool holds its own staff and the assessors of the providers it contracts with: P with both
    councils, Q with council A only."""
    own = cast.member(actor).organisation_id
    pool = {own, cast.provider.pk} | ({cast.provider_q.pk} if own == cast.council_a.pk else set())
    return [{"membership_id": m.pk} for m in cast.members.values() if m.organisation_id not in pool]


FOREIGN_BY_NAME = {
    "invitation-answer": invitations_not_for,
    "invitation-withdraw": invitations_not_from,
    "allocation:profile": outside_the_pool,
    "allocation:absence": outside_the_pool,
    "safeguarding:concern-break-glass": other_councils_safeguarding("concern", "concern_id"),
    "safeguarding:dols-break-glass": other_councils_safeguarding("dols", "application_id"),
}


def foreign_markers(cast: Cast, actor: str) -> list[str]:
    markers = []
    for person in all_people(cast):
        if person.pk not in visible_people(cast, actor):
            markers.append(person.family_name)
            markers.append(f'href="/people/{person.pk}/"')
            items = cast.casework[person.pk]
            markers += [items["note"].text, items["document"].title, items["task"].title, items["warning"].note]
            markers.append(items["letter"].title)
            markers += [items["referral"].reason, items["entry"].priority_rationale]
            if person.nhs_number:
                markers.append(person.nhs_number)
    for person in all_people(cast):
        items = cast.casework[person.pk]
        if person.pk not in opens_safeguarding(cast, actor, "concern"):
            markers.append(items["concern"].what_happened)
        if person.pk not in opens_safeguarding(cast, actor, "dols"):
            markers.append(items["dols"].reasons)
    if not sees_portal_referral(actor):
        markers += [cast.portal_referral_a.reason, "Alyce"]
    if not sees_portal_referral(actor, "referrer_a2"):
        markers += [cast.portal_referral_a2.reason, "Allyssa"]
    if cast.citizen_person_a.pk not in visible_people(cast, actor):
        markers.append(cast.representative_a.name)
    return markers


def foreign_searches(cast: Cast, actor: str) -> list[dict]:
    searches = []
    for person in all_people(cast):
        if person.pk in visible_people(cast, actor):
            continue
        searches.append({"family_name": person.family_name, "given_name": person.given_name})
        if person.nhs_number:
            searches.append({"nhs_number": person.nhs_number})
    return searches


def assert_no_leak(response, markers, where, echoed: dict | None = None):
    text = body(response)
    # A search form shows back what was typed into it; that is not a leak.
    for value in (echoed or {}).values():
        text = text.replace(f'value="{value}"', "").replace(f"={quote(str(value))}", "")
    for marker in markers:
        assert marker not in text, f"{where} showed {marker!r}"


def own_object(cast: Cast, argument: str) -> int:
    """A real object of council A for the pages tried signed out or without a role."""
    if argument == "section":
        return "how"  # type: ignore[return-value]
    if argument.removesuffix("_id") in ("note", "document", "task", "warning", "referral", "entry"):
        return cast.casework[cast.person_a.pk][argument.removesuffix("_id")].pk
    if argument in ("concern_id", "enquiry_id", "application_id"):
        kind = {"concern_id": "concern", "enquiry_id": "enquiry", "application_id": "dols"}[argument]
        return cast.casework[cast.person_a.pk][kind].pk
    if argument in ("assessment_id", "decision_id"):
        return cast.casework[cast.person_a.pk]["assessment" if argument == "assessment_id" else "panel_decision"].pk
    if argument == "run_id":
        return cast.allocation_runs[cast.council_a.pk].pk
    if argument == "import_id":
        return cast.imports[cast.council_a.pk].pk
    if argument == "template_id":
        return cast.letter_templates[cast.council_a.pk].pk
    if argument == "invitation_id":
        return cast.invitations[cast.council_a.pk].pk
    return {"person_id": cast.person_a.pk, "membership_id": cast.member("assessor_a").pk}[argument]


def test_the_walk_finds_the_pages():
    names = {name for name, _, _ in walk(get_resolver())}
    assert {"home", "people:find", "people:detail", "people:access-log"} <= names


@pytest.mark.parametrize("actor", walked(ACTORS, POSTGRESQL_ACTORS))
def test_no_role_reaches_another_tenants_records(cast, sign_in, actor):
    client = sign_in(cast.member(actor))
    markers = foreign_markers(cast, actor)
    searched = set()
    for name, route, arguments in walk(get_resolver()):
        key = tuple(sorted(arguments))
        assert not arguments or key in FOREIGN_ARGUMENTS, f"{name} takes {key}: teach FOREIGN_ARGUMENTS"
        if not arguments:
            path = fill(route, {})
            for query in [{}, *foreign_searches(cast, actor)]:
                response = client.get(path, query)
                assert_no_leak(response, markers, f"GET {path} {query} as {actor}", echoed=query)
                if not reads_its_query(response):
                    break  # it would answer every search alike, and the searches are echoed, not leaks
                searched.add(name)
            if name not in NOT_POSTED:
                assert_no_leak(client.post(path, {}), markers, f"POST {path} as {actor}")
            continue
        for foreign in FOREIGN_BY_NAME.get(name, FOREIGN_ARGUMENTS[key])(cast, actor):
            path = fill(route, foreign)
            for method in (client.get, client.post):
                response = method(path)
                assert response.status_code in (403, 404, 405), (
                    f"{method.__name__} {path} as {actor}: {response.status_code}"
                )
                assert_no_leak(response, markers, f"{path} as {actor}")
    assert searched, "no page read its query: the walk no longer tells which do, and must search every page"


def test_signed_out_visitors_are_sent_to_sign_in(cast, client):
    for name, route, arguments in walk(get_resolver()):
        if name in PUBLIC:
            continue
        path = fill(route, {a: own_object(cast, a) for a in arguments})
        response = client.get(path)
        assert response.status_code in (302, 401, 405), f"GET {path}: {response.status_code}"
        if response.status_code == 302:
            assert response["Location"].startswith("/sign-in/")
        assert_no_leak(response, [cast.person_a.family_name], path)


def test_a_user_without_a_role_sees_no_records(cast, client):
    from assessflow.tests.factories import UserFactory

    client.force_login(UserFactory())
    for name, route, arguments in walk(get_resolver()):
        if name in PUBLIC or name == "sign-out":
            continue
        path = fill(route, {a: own_object(cast, a) for a in arguments})
        response = client.get(path)
        assert response.status_code < 500, f"GET {path}: {response.status_code}"
        if arguments:
            assert response.status_code in (403, 404, 405), f"GET {path}: {response.status_code}"
        assert_no_leak(response, [cast.person_a.family_name, cast.person_a.nhs_number], path)


def test_the_postgresql_walk_takes_actors_the_full_walk_knows():
    assert set(POSTGRESQL_ACTORS) <= set(ACTORS)
