"""What a referrer types in the portal is checked and kept whole: no silent cuts, real phone numbers, any digits."""

import re

from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.frontdoor.models import Referral
from assessflow.people.models import Person

from .test_portal import PERSON, send


def pritchard() -> Person | None:
    with scopes_disabled():
        return Person.objects.filter(family_name="Pritchard").first()


def test_long_answers_are_refused_naming_the_limit_never_cut_short(cast, sign_in):
    client = sign_in(cast.member("referrer_a"))
    form = client.get(reverse("portal:new")).content.decode()
    assert " maxlength=" not in form, "a browser would cut a long name to its limit without a word"

    too_long = {**PERSON, "given_name": "M" * 101, "address_line_1": "1" * 201, "town": "L" * 101}
    page = client.post(reverse("portal:new"), too_long).content.decode()
    assert "First name must be 100 characters or fewer" in page
    assert "Address line 1 must be 200 characters or fewer" in page
    assert "Town or city must be 100 characters or fewer" in page
    assert "portal_referral_draft" not in client.session


def test_thirty_nines_is_not_a_phone_number(cast, sign_in):
    client = sign_in(cast.member("referrer_a"))
    page = client.post(reverse("portal:new"), {**PERSON, "phone": "9" * 30}).content.decode()
    assert "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192" in page
    assert "portal_referral_draft" not in client.session


def test_a_referral_keeps_every_character_through_check_your_answers(cast, sign_in):
    client = sign_in(cast.member("referrer_a"))
    long_name, long_address = "M" * 100, "Flat 1, " + "A" * 192
    person = {**PERSON, "given_name": long_name, "address_line_1": long_address, "phone": "+44 7700 900 982"}
    check, sent = send(client, person=person)
    page = check.content.decode()
    assert long_name in page and long_address in page and "07700 900982" in page
    assert sent.status_code == 302
    saved = pritchard()
    assert (saved.given_name, saved.address_line_1, saved.phone) == (long_name, long_address, "07700 900982")


def test_a_full_width_nhs_number_finds_the_record_and_a_superscript_is_refused(cast, sign_in):
    client = sign_in(cast.member("referrer_a"))
    refused = client.post(reverse("portal:new"), {**PERSON, "nhs_number": "943 476 591\u00b2"})
    assert refused.status_code == 200
    assert "Enter the NHS number using the digits 0 to 9" in refused.content.decode()

    send(client, person={**PERSON, "nhs_number": "\uff19\uff14\uff13\uff14\uff17\uff16\uff15\uff19\uff11\uff19"})
    with scopes_disabled():
        referral = Referral.objects.get(reason__startswith="Recent falls")
    assert referral.person == cast.person_a
    assert pritchard() is None, "no second record with the number in other digits"


def test_a_date_of_birth_over_120_years_ago_is_sent_once_the_referrer_confirms_it(cast, sign_in):
    client = sign_in(cast.member("referrer_a"))
    old = {**PERSON, "date_of_birth_2": "1836"}
    page = client.post(reverse("portal:new"), old).content.decode()
    assert "Check the date of birth: it makes the person" in page
    assert re.search(r'<input type="checkbox" name="confirm_date_of_birth"', page)

    check, sent = send(client, person={**old, "confirm_date_of_birth": "on"})
    assert "4 September 1836" in check.content.decode()
    assert "I have checked this date of birth" not in check.content.decode()
    assert sent.status_code == 302
    assert pritchard().date_of_birth.year == 1836
