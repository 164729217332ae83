"""Walks every URL pattern about one person and checks each page that shows them logs exactly one view of them.

New URLs are covered automatically: the walk reads Django's resolver, as the tenancy walk does. A pattern
whose arguments the walk does not know (a new kind of object id) fails the test until it is taught here
whether that id is about a person. Pages that list many people log one search entry instead (the waiting
lists, caseloads, queues and search results); their arguments are not about one person, so they are not walked.
"""

import pytest
from django.db import transaction
from django.urls import get_resolver, reverse
from django_scopes import scopes_disabled

from assessflow.audit.models import AccessEvent
from assessflow.conftest import Cast, build_cast
from assessflow.tests import factories
from assessflow.tests.url_walk import fill, walk


@pytest.fixture(scope="module")
def walk_cast(django_db_setup, django_db_blocker):
    """The cast, built once for the module's tests: each test's own writes roll back to a savepoint inside this
    transaction, and the cast itself when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_cast()
        transaction.set_rollback(True)


@pytest.fixture
def cast(walk_cast, db) -> Cast:
    return walk_cast


# Arguments that name a person or a record held on one person's file.
ABOUT_A_PERSON = {
    "person_id",
    "note_id",
    "document_id",
    "task_id",
    "warning_id",
    "referral_id",
    "entry_id",
    "concern_id",
    "enquiry_id",
    "application_id",
    "assessment_id",
    "decision_id",
}
# Arguments that name something else: staff, an invitation, a template, an allocation run, a backlog import.
NOT_ABOUT_A_PERSON = {"membership_id", "invitation_id", "template_id", "run_id", "import_id", "uidb64", "token"}
# Arguments that name a part of the record the other argument names, filled the same for every record.
PARTS = {"section": "how"}

# Everyone who may open something about a person of council A.
ACTORS = [
    *(
        f"{role}_a"
        for role in ("front_door", "assessor", "team_manager", "panel_member", "performance_lead", "council_admin")
    ),
    "safeguarding_a",
    "dols_a",
    "provider_assessor",
    "provider_team_manager",
    "provider_contract_manager",
    "provider_q_assessor",
    "provider_q_team_manager",
    "provider_q_contract_manager",
    "referrer_a",
    "referrer_a2",
    "citizen_a",
    "citizen_a2",
]


def subject(cast: Cast, actor: str):
    """The person each actor may open: a provider only the person handed to it, a citizen only themselves."""
    if actor.startswith("provider_q_"):
        return cast.person_a_handed_q
    if actor.startswith("provider_"):
        return cast.person_a_handed
    if actor == "citizen_a":
        return cast.citizen_person_a
    if actor == "citizen_a2":
        return cast.citizen_person_a2
    return cast.person_a


def neighbour(cast: Cast, actor: str):
    """The person whose records sit with a neighbour in the same council: the other provider's, the other
    citizen's; for a surgery, Alice, whom the other surgery referred."""
    if actor.startswith("provider_q_"):
        return cast.person_a_handed
    if actor.startswith("provider_"):
        return cast.person_a_handed_q
    return {"citizen_a": cast.citizen_person_a2, "citizen_a2": cast.citizen_person_a}.get(actor, cast.person_a)


def neighbours_portal_referral(cast: Cast, actor: str):
    return {"referrer_a": cast.portal_referral_a2, "referrer_a2": cast.portal_referral_a}.get(actor)


def waiting_for_check(member, person) -> list:
    """Submitted work of a QA lead's own organisation on the person, waiting for its first check: the council's own
    work at the council's QA, a provider's work under its contract at the provider's."""
    if member.role != "team_manager":
        return []
    handover = person.handovers.filter(contract__provider=member.organisation).first()
    return [
        factories.AssessmentFactory(
            allocation__entry__person=person,
            allocation__organisation=member.organisation,
            contract=handover.contract if handover else None,
            status="with_qa",
        )
    ]


def own_records(cast: Cast, actor: str, person) -> dict[str, list]:
    """Records about the person that only this actor opens: a note they wrote (still open to change), a concern
    they raised (waiting for the s.42 decision), a DoLS request their organisation made, and for a QA lead their own
    organisation's assessment waiting for their check."""
    member = cast.member(actor)
    with scopes_disabled():
        return {
            "assessment": waiting_for_check(member, person),
            "note": [factories.NoteFactory(person=person, author=member.user, author_role=member.role)],
            "concern": [
                factories.ConcernFactory(
                    person=person, raised_by=member.user, raised_by_organisation=member.organisation, status="triaged"
                )
            ],
            "dols": [
                factories.DolsApplicationFactory(person=person, managing_authority_organisation=member.organisation)
            ],
        }


def candidates(cast: Cast, person, own: dict[str, list], names: list[str]) -> list[dict]:
    """Every way to fill a pattern's arguments with real records about the person."""
    items = cast.casework[person.pk]
    choices = {
        "person_id": [person.pk],
        "note_id": [items["note"].pk, *(n.pk for n in own["note"])],
        "document_id": [items["document"].pk, items["letter"].pk],
        "task_id": [items["task"].pk],
        "warning_id": [items["warning"].pk],
        "referral_id": [
            items["referral"].pk,
            *([cast.portal_referral_a.pk, cast.portal_referral_a2.pk] if person == cast.person_a else []),
        ],
        "entry_id": [items["entry"].pk],
        "concern_id": [items["concern"].pk, *(c.pk for c in own["concern"])],
        "enquiry_id": [items["enquiry"].pk],
        "application_id": [items["dols"].pk, *(a.pk for a in own["dols"])],
        "assessment_id": [items["assessment"].pk, *(a.pk for a in own.get("assessment", []))],
        "decision_id": [items["panel_decision"].pk],
    }
    [name] = names  # every page about a person names one record; teach the walk before adding a second
    return [{name: value, **PARTS} for value in choices[name]]


def person_arguments(arguments: list[str]) -> list[str]:
    unknown = set(arguments) - ABOUT_A_PERSON - NOT_ABOUT_A_PERSON - set(PARTS)
    assert not unknown, f"teach the access-log walk whether {sorted(unknown)} name a person"
    return [a for a in arguments if a in ABOUT_A_PERSON]


def pages_about_a_person():
    for name, route, arguments in walk(get_resolver()):
        about = person_arguments(arguments)
        if about:
            yield name, route, about


def newest_entry_id() -> int:
    with scopes_disabled():
        return AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def entries_since(pk: int) -> list[AccessEvent]:
    with scopes_disabled():
        return list(AccessEvent.objects.filter(pk__gt=pk).order_by("pk"))


def visit(client, path: str) -> tuple[int, list[AccessEvent]]:
    before = newest_entry_id()
    response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code, entries_since(before)


def test_every_page_that_shows_a_person_logs_exactly_one_view_of_them(cast, sign_in):
    names = {name for name, _, _ in pages_about_a_person()}
    assert {"people:detail", "casework:task", "waiting:entry", "allocation:allocate"} <= names
    shown_by_someone, wrong = set(), []
    for actor in ACTORS:
        client = sign_in(cast.member(actor))
        person = subject(cast, actor)
        own = own_records(cast, actor, person)
        for name, route, about in pages_about_a_person():
            for arguments in candidates(cast, person, own, about):
                path = fill(route, arguments)
                status, entries = visit(client, path)
                logged = [(e.kind, e.action, e.person_id) for e in entries]
                if status == 200:
                    shown_by_someone.add(name)
                    if [(e.kind, e.person_id) for e in entries] != [(AccessEvent.Kind.VIEW, person.pk)]:
                        wrong.append(f"GET {path} ({name}) as {actor} logged {logged}")
                elif any(e.kind == AccessEvent.Kind.VIEW for e in entries):
                    # A refusal, a redirect or a page that only takes a POST shows nothing, so logs no view.
                    wrong.append(f"GET {path} ({name}) as {actor} answered {status} but logged {logged}")
    assert not wrong, "\n".join(wrong)
    # Every page but those that only take a POST (405 to a GET) must have been seen showing its person.
    client = sign_in(cast.member("team_manager_a"))
    own = own_records(cast, "team_manager_a", cast.person_a)
    for name, route, about in pages_about_a_person():
        if name not in shown_by_someone:
            path = fill(route, candidates(cast, cast.person_a, own, about)[0])
            assert client.get(path).status_code == 405, f"no one in the walk opened {name}: give it a record to show"


NEIGHBOURS = [
    *(f"provider_{role}" for role in ("assessor", "team_manager", "contract_manager")),
    *(f"provider_q_{role}" for role in ("assessor", "team_manager", "contract_manager")),
    "referrer_a",
    "referrer_a2",
    "citizen_a",
    "citizen_a2",
]


def test_no_page_shows_or_logs_a_neighbours_person_in_the_same_council(cast, sign_in):
    """Another provider's person, another surgery's referral, another citizen's record: tenancy hides nothing
    here (all are council A's), so only the "own organisation" rules stand between them."""
    wrong = []
    none = {"note": [], "concern": [], "dols": []}
    for actor in NEIGHBOURS:
        client = sign_in(cast.member(actor))
        person = neighbour(cast, actor)
        for name, route, about in pages_about_a_person():
            tried = candidates(cast, person, none, about)
            if actor.startswith("referrer_"):
                # A surgery sees no person records at all; what it must not reach is the other surgery's referral.
                referral = neighbours_portal_referral(cast, actor)
                tried = [{"referral_id": referral.pk}] if about == ["referral_id"] else []
            for arguments in tried:
                path = fill(route, arguments)
                status, entries = visit(client, path)
                if status == 200 or any(e.kind == AccessEvent.Kind.VIEW for e in entries):
                    logged = [(e.kind, e.action, e.person_id) for e in entries]
                    wrong.append(f"GET {path} ({name}) as {actor} answered {status}, logged {logged}")
    assert not wrong, "\n".join(wrong)


def test_the_letter_preview_logs_the_name_and_address_it_shows(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    template = cast.letter_templates[cast.council_a.pk]
    before = newest_entry_id()
    page = client.get(
        reverse("casework:letter-new", args=[cast.person_a.pk]), {"template": template.pk, "large_print": ""}
    )
    assert page.status_code == 200
    assert cast.person_a.family_name in page.content.decode()
    [entry] = entries_since(before)
    assert (entry.kind, entry.action, entry.person_id) == (AccessEvent.Kind.VIEW, "letter.previewed", cast.person_a.pk)
    assert {"given_name", "family_name", "address_line_1", "postcode"} <= set(entry.fields)
    assert entry.detail == {"template": template.pk}
