"""Finding, adding, reading and changing a person, as a caseworker sees it."""

import uuid

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.audit.models import AccessEvent
from assessflow.people.models import Person, Relationship


def entries(**filters):
    with scopes_disabled():
        return list(AccessEvent.objects.filter(**filters).order_by("pk"))


def person_payload(**overrides):
    data = {
        "submission_id": str(uuid.uuid4()),
        "given_name": "Winifred",
        "family_name": "Marsh",
        "date_of_birth_0": "3",
        "date_of_birth_1": "11",
        "date_of_birth_2": "1938",
        "nhs_number": "",
        "postcode": "lu1 2bq",
    }
    data.update(overrides)
    return data


class TestFindAPerson:
    def test_it_finds_by_nhs_number_written_with_spaces(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        response = client.get(reverse("people:find"), {"nhs_number": "943 476 5919"})
        assert response.status_code == 200
        assert "Ashworth" in response.content.decode()

    def test_it_finds_by_name_and_date_of_birth_whatever_the_case_and_spacing(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        response = client.get(
            reverse("people:find"),
            {"family_name": "  ASHWORTH ", "date_of_birth_0": "17", "date_of_birth_1": "5", "date_of_birth_2": "1940"},
        )
        assert "Ashworth" in response.content.decode()

    def test_it_never_finds_another_councils_person(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        response = client.get(reverse("people:find"), {"nhs_number": "4010232137"})
        assert "Outsider" not in response.content.decode()
        assert "No one found" in response.content.decode()

    def test_it_says_what_to_enter_when_the_search_is_too_vague(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        response = client.get(reverse("people:find"), {"given_name": "Alice"})
        page = response.content.decode()
        assert "There is a problem" in page
        assert 'href="#id_family_name"' in page

    def test_it_rejects_an_nhs_number_that_fails_the_check(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        response = client.get(reverse("people:find"), {"nhs_number": "9434765918"})
        assert "Enter a valid NHS number" in response.content.decode()

    def test_each_search_is_audited_with_the_records_it_showed(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        client.get(reverse("people:find"), {"nhs_number": "9434765919"})
        [entry] = entries(action="person.searched")
        assert entry.detail == {"shown": [cast.person_a.pk]}
        assert entry.fields == ["nhs_number"]
        assert entry.council_id == cast.council_a.pk

    def test_provider_staff_find_only_handed_over_people(self, cast, sign_in):
        client = sign_in(cast.member("provider_assessor"))
        handed = client.get(reverse("people:find"), {"family_name": "handley", "given_name": "harold"})
        assert "Handley" in handed.content.decode()
        not_handed = client.get(reverse("people:find"), {"nhs_number": "9434765919"})
        assert "Ashworth" not in not_handed.content.decode()

    def test_provider_staff_never_find_the_other_providers_person_in_the_same_council(self, cast, sign_in):
        query = {"family_name": "quigley", "given_name": "quentin"}
        other = sign_in(cast.member("provider_assessor")).get(reverse("people:find"), query).content.decode()
        assert "Quigley" not in other
        assert "No one found" in other
        own = sign_in(cast.member("provider_q_assessor")).get(reverse("people:find"), query).content.decode()
        assert "Quigley" in own


class TestAddAPerson:
    def test_it_creates_a_person_and_audits_the_fields_given(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        response = client.post(reverse("people:new"), person_payload())
        with scopes_disabled():
            person = Person.objects.get(family_name="Marsh")
        assert response.status_code == 302
        assert response["Location"] == reverse("people:detail", args=[person.pk])
        assert person.council == cast.council_a
        assert person.postcode == "LU1 2BQ"
        [entry] = entries(action="person.created")
        assert {"given_name", "family_name", "date_of_birth", "postcode"} <= set(entry.fields)

    def test_it_shows_possible_duplicates_before_creating(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        data = person_payload(
            given_name="alice",
            family_name="ASHWORTH ",
            date_of_birth_0="17",
            date_of_birth_1="5",
            date_of_birth_2="1940",
        )
        response = client.post(reverse("people:new"), data)
        page = response.content.decode()
        assert response.status_code == 200
        assert "These records may be the same person" in page
        assert reverse("people:detail", args=[cast.person_a.pk]) in page
        with scopes_disabled():
            assert Person.objects.filter(family_name__iexact="ashworth").count() == 1

        data["confirm_new"] = "on"
        response = client.post(reverse("people:new"), data)
        assert response.status_code == 302
        with scopes_disabled():
            assert Person.objects.filter(family_name__iexact="ashworth").count() == 2

    def test_duplicates_from_another_council_are_never_shown(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        response = client.post(reverse("people:new"), person_payload(nhs_number="4010232137"))
        assert "Outsider" not in response.content.decode()

    def test_a_double_submission_creates_one_person(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        data = person_payload()
        first = client.post(reverse("people:new"), data)
        second = client.post(reverse("people:new"), data)
        assert first["Location"] == second["Location"]
        with scopes_disabled():
            assert Person.objects.filter(family_name="Marsh").count() == 1

    def test_it_names_each_bad_field(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        data = person_payload(given_name="", date_of_birth_1="13", postcode="nowhere")
        page = client.post(reverse("people:new"), data).content.decode()
        assert "Enter the person&#x27;s first name" in page
        assert "Date of birth must be a real date" in page
        assert 'href="#id_date_of_birth_0"' in page
        assert "Enter a real postcode" in page
        with scopes_disabled():
            assert not Person.objects.filter(family_name="Marsh").exists()

    def test_an_nhs_number_already_on_record_is_refused(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        data = person_payload(nhs_number="9434765919", confirm_new="on")
        page = client.post(reverse("people:new"), data).content.decode()
        assert "There is a problem" in page
        with scopes_disabled():
            assert Person.objects.filter(nhs_number="9434765919").count() == 1

    @pytest.mark.parametrize("nhs_number", ["943 476 5918", "9876543211", "1234567890"])
    def test_an_nhs_number_that_fails_the_modulus_11_check_is_refused(self, cast, sign_in, nhs_number):
        """The last digit is wrong (or the check digit would have to be 10): ten digits are not enough."""
        client = sign_in(cast.member("front_door_a"))
        response = client.post(reverse("people:new"), person_payload(nhs_number=nhs_number, confirm_new="on"))
        assert response.status_code == 200
        assert "Enter a valid NHS number" in response.content.decode()
        with scopes_disabled():
            assert not Person.objects.filter(family_name="Marsh").exists()

    def test_providers_cannot_add_people(self, cast, sign_in):
        client = sign_in(cast.member("provider_assessor"))
        assert client.post(reverse("people:new"), person_payload()).status_code == 403


class TestViewAPerson:
    def test_viewing_writes_exactly_one_audit_entry(self, cast, sign_in):
        membership = cast.member("assessor_a")
        client = sign_in(membership)
        response = client.get(reverse("people:detail", args=[cast.person_a.pk]), REMOTE_ADDR="10.1.2.3")
        assert response.status_code == 200
        [entry] = entries(person_id=cast.person_a.pk)
        assert entry.action == "person.viewed"
        assert entry.kind == "view"
        assert entry.actor == membership.user
        assert entry.role == "assessor"
        assert entry.organisation_id == cast.council_a.pk
        assert entry.council_id == cast.council_a.pk
        assert entry.ip_address == "10.1.2.3"

    def test_the_page_shows_relationships_and_timeline(self, cast, sign_in):
        with scopes_disabled():
            from assessflow.tests.factories import RelationshipFactory

            RelationshipFactory(person=cast.person_a, name="Bob Ashworth", provides_unpaid_care=True)
        client = sign_in(cast.member("front_door_a"))
        client.post(
            reverse("people:edit", args=[cast.person_a.pk]),
            {**_edit_payload(cast.person_a), "phone": "01582 000000"},
        )
        page = client.get(reverse("people:detail", args=[cast.person_a.pk])).content.decode()
        assert "Bob Ashworth" in page
        assert "Unpaid carer" in page
        assert "Details changed" in page
        assert "Changed: phone number" in page

    def test_another_councils_person_is_not_found(self, cast, sign_in):
        client = sign_in(cast.member("assessor_a"))
        assert client.get(reverse("people:detail", args=[cast.person_b.pk])).status_code == 404
        assert entries(person_id=cast.person_b.pk) == []

    @pytest.mark.parametrize("role", ["assessor", "team_manager", "contract_manager"])
    def test_the_other_providers_person_in_the_same_council_is_not_found(self, cast, sign_in, role):
        person = cast.person_a_handed_q
        client = sign_in(cast.member(f"provider_{role}"))
        assert client.get(reverse("people:detail", args=[person.pk])).status_code == 404
        assert client.post(reverse("people:edit", args=[person.pk]), _edit_payload(person)).status_code in (403, 404)
        assert entries(person_id=person.pk) == []
        own = sign_in(cast.member(f"provider_q_{role}")).get(reverse("people:detail", args=[person.pk]))
        assert "Quentin Quigley" in own.content.decode()


def _edit_payload(person):
    return {
        "version": person.version,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth_0": person.date_of_birth.day,
        "date_of_birth_1": person.date_of_birth.month,
        "date_of_birth_2": person.date_of_birth.year,
        "nhs_number": person.nhs_number,
        "postcode": person.postcode,
    }


class TestChangeAPerson:
    def test_editing_records_the_changed_fields(self, cast, sign_in):
        client = sign_in(cast.member("assessor_a"))
        data = {**_edit_payload(cast.person_a), "phone": "01582 123456", "family_name": "Ashworth-Smith"}
        response = client.post(reverse("people:edit", args=[cast.person_a.pk]), data)
        assert response.status_code == 302
        [entry] = entries(action="person.updated")
        assert entry.fields == ["family_name", "phone"]
        with scopes_disabled():
            person = Person.objects.get(pk=cast.person_a.pk)
            assert person.version == 2
            assert person.family_name_key == "ashworthsmith"
            latest = person.history.first()
            assert latest.history_type == "~"
            assert latest.history_change_reason == "family_name, phone"
            assert latest.history_user == cast.member("assessor_a").user

    def test_a_save_after_someone_elses_is_a_conflict_not_an_overwrite(self, cast, sign_in):
        stale = _edit_payload(cast.person_a)
        first = sign_in(cast.member("assessor_a"))
        first.post(reverse("people:edit", args=[cast.person_a.pk]), {**stale, "phone": "01582 111111"})
        second = sign_in(cast.member("team_manager_a"))
        response = second.post(reverse("people:edit", args=[cast.person_a.pk]), {**stale, "phone": "01582 222222"})
        page = response.content.decode()
        assert response.status_code == 200
        assert "Someone else changed this record" in page
        assert "01582 222222" in page  # what the second user typed is kept on the form
        with scopes_disabled():
            assert Person.objects.get(pk=cast.person_a.pk).phone == "01582 111111"

    def test_saving_nothing_new_writes_no_change(self, cast, sign_in):
        client = sign_in(cast.member("assessor_a"))
        client.post(reverse("people:edit", args=[cast.person_a.pk]), _edit_payload(cast.person_a))
        assert entries(action="person.updated") == []

    def test_roles_that_only_read_cannot_edit(self, cast, sign_in):
        client = sign_in(cast.member("panel_member_a"))
        url = reverse("people:edit", args=[cast.person_a.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {**_edit_payload(cast.person_a), "family_name": "Changed"}).status_code == 403
        with scopes_disabled():
            assert Person.objects.get(pk=cast.person_a.pk).family_name == "Ashworth"
        assert entries(action="person.updated") == []


class TestRelationships:
    def test_it_adds_a_carer_once_per_submission(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        data = {
            "submission_id": str(uuid.uuid4()),
            "kind": "carer",
            "name": "Pat Ashworth",
            "provides_unpaid_care": "on",
        }
        url = reverse("people:relationship-new", args=[cast.person_a.pk])
        assert client.post(url, data).status_code == 302
        assert client.post(url, data).status_code == 302
        with scopes_disabled():
            assert Relationship.objects.filter(person=cast.person_a).count() == 1
        assert [e.action for e in entries(person_id=cast.person_a.pk)] == ["person.relationship_added"]

    def test_it_links_to_a_record_by_nhs_number_within_the_council_only(self, cast, sign_in):
        client = sign_in(cast.member("front_door_a"))
        url = reverse("people:relationship-new", args=[cast.person_a_handed.pk])
        data = {"submission_id": str(uuid.uuid4()), "kind": "partner", "related_nhs_number": "4010232137"}
        page = client.post(url, data).content.decode()
        assert "No one with this NHS number is on record" in page
        data["related_nhs_number"] = "943 476 5919"
        assert client.post(url, data).status_code == 302
        with scopes_disabled():
            assert Relationship.objects.get(person=cast.person_a_handed).related_person == cast.person_a


class TestAccessLog:
    def test_a_manager_sees_who_looked_at_a_record(self, cast, sign_in):
        sign_in(cast.member("assessor_a")).get(reverse("people:detail", args=[cast.person_a.pk]))
        client = sign_in(cast.member("team_manager_a"))
        page = client.get(reverse("people:access-log", args=[cast.person_a.pk])).content.decode()
        assert cast.member("assessor_a").user.full_name in page
        assert "Record viewed" in page

    @pytest.mark.parametrize("role", ["assessor_a", "front_door_a", "provider_team_manager"])
    def test_other_roles_cannot_see_the_access_log(self, cast, sign_in, role):
        client = sign_in(cast.member(role))
        assert client.get(reverse("people:access-log", args=[cast.person_a_handed.pk])).status_code == 403


class TestCitizen:
    def test_a_citizen_sees_their_own_record_and_the_view_is_audited(self, cast, sign_in):
        client = sign_in(cast.member("citizen_a"))
        page = client.get(reverse("people:my-record")).content.decode()
        assert "Cecil Quayle" in page
        [entry] = entries(person_id=cast.citizen_person_a.pk)
        assert entry.role == "citizen"

    def test_a_citizen_cannot_open_case_pages(self, cast, sign_in):
        client = sign_in(cast.member("citizen_a"))
        assert client.get(reverse("people:detail", args=[cast.citizen_person_a.pk])).status_code == 403
        assert client.get(reverse("people:find")).status_code == 403
