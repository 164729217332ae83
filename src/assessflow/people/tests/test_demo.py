"""The demo council: realistic, deterministic, idempotent, with a working login for every role."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow import cld
from assessflow.people.demo import population
from assessflow.people.demo.loader import DEMO_USERS, load_demo_council
from assessflow.people.identity import is_valid_nhs_number
from assessflow.people.models import CitizenAccount, Handover, Person, Relationship
from assessflow.tenancy.models import Membership, Organisation
from assessflow.tenancy.roles import Role

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def demo(db):
    load_demo_council(people=60, today=TODAY)


def counts():
    with scopes_disabled():
        return (
            Organisation.objects.count(),
            Membership.objects.count(),
            Person.objects.count(),
            Handover.objects.count(),
            Relationship.objects.count(),
        )


def test_loading_twice_duplicates_nothing(demo):
    before = counts()
    assert load_demo_council(people=60, today=TODAY) == 0
    assert counts() == before


def test_loading_more_adds_only_the_new_people(demo):
    assert load_demo_council(people=75, today=TODAY) == 15
    with scopes_disabled():
        assert Person.objects.count() == 75


def test_the_same_person_comes_out_every_time():
    assert population.person_row(42, TODAY, 2026) == population.person_row(42, TODAY, 2026)
    assert population.person_row(42, TODAY, 2026) != population.person_row(43, TODAY, 2026)


def test_people_are_plausible_and_fit_the_statutory_value_lists():
    rows = [population.person_row(i, TODAY, 2026) for i in range(1, 400)]
    for row in rows:
        age = (TODAY - row["date_of_birth"]).days // 365
        assert 18 <= age <= 102
        assert row["primary_support_reason"] in cld.values("primary_support_reason")
        assert row["ethnicity"] in cld.values("ethnicity")
        assert row["accommodation_status"] in cld.values("accommodation_status")
        assert row["employment_status"] in cld.values("employment_status")
        assert row["gender"] in cld.values("gender")
        assert not row["nhs_number"] or is_valid_nhs_number(row["nhs_number"])
    overdue = sum(row["review_due_on"] < TODAY for row in rows)
    assert 0.2 < overdue / len(rows) < 0.6, "a realistic backlog has some reviews overdue, not all"
    assert len({row["nhs_number"] for row in rows if row["nhs_number"]}) == sum(bool(r["nhs_number"]) for r in rows)


def test_every_role_has_a_demo_login_that_works(demo, client, settings):
    roles = {spec.role for spec in DEMO_USERS}
    assert roles == set(Role)
    for spec in DEMO_USERS:
        client.logout()
        response = client.post(reverse("sign-in"), {"username": spec.email, "password": settings.DEMO_PASSWORD})
        assert response.status_code == 302, spec.email
        assert client.get(reverse("home")).status_code == 200, spec.email


def test_the_citizen_is_linked_to_a_demo_person(demo):
    with scopes_disabled():
        account = CitizenAccount.objects.select_related("person").get(user__email="citizen@demo-resident.example")
        assert account.person.external_reference == "DEMO-0000001"
        assert account.user.full_name == account.person.full_name


def test_a_fifth_of_the_backlog_is_handed_to_the_provider(demo):
    with scopes_disabled():
        assert Handover.objects.count() == 12


def test_the_command_reports_what_it_did(db, capsys):
    call_command("load_demo", people=10)
    assert "10 people added" in capsys.readouterr().out
