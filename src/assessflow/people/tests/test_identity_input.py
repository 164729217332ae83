"""NHS numbers, dates of birth, names and telephone numbers as a caseworker types them on the person pages."""

import re
import uuid

from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.people.models import Person

# 943 476 5919 (Alice Ashworth's NHS number) as an East Asian keyboard types it.
FULL_WIDTH = "\uff19\uff14\uff13 \uff14\uff17\uff16 \uff15\uff19\uff11\uff19"
SUPERSCRIPT = "943 476 591\u00b2"


def new_person(**overrides):
    return {
        "submission_id": str(uuid.uuid4()),
        "given_name": "Winifred",
        "family_name": "Marsh",
        "date_of_birth_0": "3",
        "date_of_birth_1": "11",
        "date_of_birth_2": "1938",
        "nhs_number": "",
        "postcode": "lu1 2bq",
        **overrides,
    }


def marsh() -> Person | None:
    with scopes_disabled():
        return Person.objects.filter(family_name="Marsh").first()


def test_the_nhs_number_is_taken_as_its_hint_shows_it_and_stored_as_ten_digits(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    form = client.get(reverse("people:new")).content.decode()
    [nhs_input] = re.findall(r'<input[^>]*name="nhs_number"[^>]*>', form)
    assert "maxlength" not in nhs_input, "a browser would stop '485 777 3457' at '485 777 34'"
    assert "485 777 3456" in form

    response = client.post(reverse("people:new"), new_person(nhs_number="485-777-3457"))
    assert response.status_code == 302
    assert marsh().nhs_number == "4857773457"


def test_full_width_digits_are_stored_as_ascii_and_warn_of_the_record_that_has_them(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    page = client.post(reverse("people:new"), new_person(nhs_number=FULL_WIDTH)).content.decode()
    assert "These records may be the same person" in page
    assert reverse("people:detail", args=[cast.person_a.pk]) in page

    refused = client.post(reverse("people:new"), new_person(nhs_number=FULL_WIDTH, confirm_new="on"))
    assert "There is a problem" in refused.content.decode()
    assert marsh() is None, "the same NHS number is never stored twice, whichever digits typed it"

    found = client.get(reverse("people:find"), {"nhs_number": FULL_WIDTH}).content.decode()
    assert "Ashworth" in found


def test_a_superscript_digit_is_refused_in_words_on_the_form_and_in_search(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    response = client.post(reverse("people:new"), new_person(nhs_number=SUPERSCRIPT))
    assert response.status_code == 200
    assert "Enter the NHS number using the digits 0 to 9" in response.content.decode()
    assert marsh() is None

    search = client.get(reverse("people:find"), {"nhs_number": SUPERSCRIPT})
    assert search.status_code == 200
    assert "Enter the NHS number using the digits 0 to 9" in search.content.decode()


def test_a_date_of_birth_in_other_digits_is_refused_and_in_full_width_digits_is_read(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    arabic_indic_year = "\u0661\u0669\u0663\u0668"  # 1938, which int() would read
    page = client.post(reverse("people:new"), new_person(date_of_birth_2=arabic_indic_year)).content.decode()
    assert "Date of birth must be written with the digits 0 to 9" in page
    superscript_day = client.post(reverse("people:new"), new_person(date_of_birth_0="\u00b3"))
    assert "Date of birth must be written with the digits 0 to 9" in superscript_day.content.decode()
    assert marsh() is None

    full_width = new_person(
        date_of_birth_0="\uff13", date_of_birth_1="\uff11\uff11", date_of_birth_2="\uff11\uff19\uff13\uff18"
    )
    assert client.post(reverse("people:new"), full_width).status_code == 302
    assert str(marsh().date_of_birth) == "1938-11-03"


def test_a_date_of_birth_over_120_years_ago_is_saved_only_once_confirmed(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    data = new_person(date_of_birth_2="1825")
    page = client.post(reverse("people:new"), data).content.decode()
    assert "Check the date of birth: it makes the person" in page
    assert 'href="#id_confirm_date_of_birth"' in page
    assert re.search(r'<input type="checkbox" name="confirm_date_of_birth"', page)
    assert "I have checked this date of birth" in page
    assert marsh() is None

    assert client.post(reverse("people:new"), {**data, "confirm_date_of_birth": "on"}).status_code == 302
    person = marsh()
    assert person.date_of_birth.year == 1825

    # The date is on the record now: changing something else does not ask again.
    edit = client.get(reverse("people:edit", args=[person.pk])).content.decode()
    assert 'type="checkbox" name="confirm_date_of_birth"' not in edit
    changed = client.post(
        reverse("people:edit", args=[person.pk]),
        {**new_person(date_of_birth_2="1825"), "version": person.version, "town": "Luton"},
    )
    assert changed.status_code == 302
    assert marsh().town == "Luton"


def test_the_person_form_names_each_length_limit_and_checks_telephone_numbers(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    form = client.get(reverse("people:new")).content.decode()
    assert " maxlength=" not in form, "a browser would cut what is typed or pasted without a word"

    page = client.post(
        reverse("people:new"), new_person(given_name="W" * 101, address_line_1="1" * 201, phone="9" * 30)
    ).content.decode()
    assert "First name must be 100 characters or fewer" in page
    assert "Address line 1 must be 200 characters or fewer" in page
    assert "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192" in page
    assert marsh() is None

    response = client.post(reverse("people:new"), new_person(given_name="W" * 100, phone="+44 7700 900 982"))
    assert response.status_code == 302
    person = marsh()
    assert (person.given_name, person.phone) == ("W" * 100, "07700 900982")
