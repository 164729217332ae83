"""Every change to a person's record is confirmed in a success banner naming the person whose page it shows."""

import uuid

from django.urls import reverse

from assessflow.people.tests.test_person_pages import _edit_payload, person_payload
from assessflow.tests.feedback import banner
from assessflow.tests.test_break_glass_reads_only import restricted  # noqa: F401  (a fixture)


def test_adding_a_person_confirms_whose_record_was_created(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    page = client.post(reverse("people:new"), person_payload(), follow=True)
    assert banner(page) == "Record created for Winifred Marsh"


def test_changing_details_confirms_whose_were_saved(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    data = {**_edit_payload(cast.person_a), "phone": "01582 123456"}
    page = client.post(reverse("people:edit", args=[cast.person_a.pk]), data, follow=True)
    assert banner(page) == "Alice Ashworth's details saved"


def test_adding_a_carer_names_them_and_how_they_are_related(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    data = {"submission_id": str(uuid.uuid4()), "kind": "carer", "name": "Pat Ashworth", "provides_unpaid_care": "on"}
    page = client.post(reverse("people:relationship-new", args=[cast.person_a.pk]), data, follow=True)
    assert banner(page) == "Pat Ashworth added to Alice Ashworth's record as unpaid carer"


def test_restricting_and_lifting_a_restriction_are_each_confirmed(cast, sign_in):
    manager = cast.member("team_manager_a")
    client = sign_in(manager)
    data = {"reason": "A relative works in the team", "manager": manager.user.pk}
    page = client.post(reverse("people:restrict", args=[cast.person_a.pk]), data, follow=True)
    assert banner(page) == "Alice Ashworth's record is restricted"
    page = client.post(reverse("people:lift-restriction", args=[cast.person_a.pk]), follow=True)
    assert banner(page) == "Restriction lifted from Alice Ashworth's record"


def test_lifting_a_restriction_that_is_not_there_confirms_nothing(cast, sign_in):
    client = sign_in(cast.member("team_manager_a"))
    page = client.post(reverse("people:lift-restriction", args=[cast.person_a.pk]), follow=True)
    assert banner(page) == ""


def test_breaking_the_glass_says_for_how_long_the_record_is_open(cast, sign_in, restricted):  # noqa: F811
    client = sign_in(cast.member("assessor_a"))
    data = {"reason": "Police called out of hours"}
    page = client.post(reverse("people:break-glass", args=[cast.person_a.pk]), data, follow=True)
    assert banner(page) == "Alice Ashworth's record is open to you until you sign out"
