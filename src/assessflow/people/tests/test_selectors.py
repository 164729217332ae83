"""Person reads against neighbours in the same council, where tenancy hides nothing: only the rules that a
provider sees the people handed to it, a citizen themselves and a surgery no person records stand between them."""

import pytest
from django.http import Http404
from django_scopes import scopes_disabled

from assessflow.people.selectors import own_record, people_visible_to, person_for


def visible(cast, key: str) -> set[int]:
    with scopes_disabled():
        return set(people_visible_to(cast.member(key)).values_list("pk", flat=True))


def test_each_provider_sees_only_the_person_handed_to_it(cast):
    for role in ("assessor", "team_manager", "contract_manager"):
        assert visible(cast, f"provider_{role}") == {cast.person_a_handed.pk}
        assert visible(cast, f"provider_q_{role}") == {cast.person_a_handed_q.pk}


def test_each_citizen_sees_only_themselves(cast):
    assert visible(cast, "citizen_a") == {cast.citizen_person_a.pk}
    assert visible(cast, "citizen_a2") == {cast.citizen_person_a2.pk}
    with scopes_disabled():
        assert own_record(cast.member("citizen_a")) == cast.citizen_person_a
        assert own_record(cast.member("citizen_a2")) == cast.citizen_person_a2


def test_surgeries_see_no_person_records(cast):
    assert visible(cast, "referrer_a") == set()
    assert visible(cast, "referrer_a2") == set()


def test_council_staff_see_every_person_of_their_council_and_no_other(cast):
    council_a = {
        cast.person_a.pk,
        cast.person_a_handed.pk,
        cast.person_a_handed_q.pk,
        cast.citizen_person_a.pk,
        cast.citizen_person_a2.pk,
    }
    assert visible(cast, "assessor_a") == council_a
    assert visible(cast, "assessor_b") == {cast.person_b.pk, cast.citizen_person_b.pk}


@pytest.mark.parametrize(
    ("key", "neighbour"),
    [
        ("provider_assessor", "person_a_handed_q"),
        ("provider_q_assessor", "person_a_handed"),
        ("citizen_a", "citizen_person_a2"),
        ("citizen_a2", "citizen_person_a"),
    ],
)
def test_opening_a_neighbours_person_is_not_found(cast, key, neighbour):
    with scopes_disabled(), pytest.raises(Http404):
        person_for(cast.member(key), getattr(cast, neighbour).pk)
