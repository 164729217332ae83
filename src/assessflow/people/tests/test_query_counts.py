"""List pages run a fixed number of queries however many rows they show (no N+1)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.tests.factories import PersonFactory, RelationshipFactory


def queries_for(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


def test_search_results_cost_the_same_for_one_or_many_people(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    search = {"family_name": "Crowd", "given_name": "Person"}
    with scopes_disabled():
        PersonFactory(council=cast.council_a, given_name="Person", family_name="Crowd")
    one = queries_for(client, reverse("people:find"), search)
    with scopes_disabled():
        PersonFactory.create_batch(20, council=cast.council_a, given_name="Person", family_name="Crowd")
    assert queries_for(client, reverse("people:find"), search) == one


def test_the_person_page_costs_the_same_with_many_relationships_and_events(cast, sign_in):
    client = sign_in(cast.member("team_manager_a"))
    url = reverse("people:detail", args=[cast.person_a.pk])
    before = queries_for(client, url)
    with scopes_disabled():
        other = PersonFactory(council=cast.council_a)
        RelationshipFactory.create_batch(5, person=cast.person_a)
        RelationshipFactory.create_batch(5, person=cast.person_a, related_person=other, name="")
    assert queries_for(client, url) == before


def test_the_access_log_costs_the_same_however_long_it_is(cast, sign_in):
    client = sign_in(cast.member("team_manager_a"))
    url = reverse("people:access-log", args=[cast.person_a.pk])
    first = queries_for(client, url)
    viewer = sign_in(cast.member("assessor_a"))
    for _ in range(15):
        viewer.get(reverse("people:detail", args=[cast.person_a.pk]))
    client = sign_in(cast.member("team_manager_a"))
    assert queries_for(client, url) == first
