"""The person form's Client Level Data answers: every value a list offers can be saved as offered."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow import cld
from assessflow.people.demo import population
from assessflow.people.models import Person

PERSON_LISTS = ("has_unpaid_carer", "autism_spectrum_disorder", "visual_impairment", "hearing_impairment", "dementia")


def _edit_payload(person, **answers):
    return {
        "version": person.version,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth_0": person.date_of_birth.day,
        "date_of_birth_1": person.date_of_birth.month,
        "date_of_birth_2": person.date_of_birth.year,
        "nhs_number": person.nhs_number,
        "postcode": person.postcode,
        **answers,
    }


@pytest.mark.parametrize("field", ["visual_impairment", "hearing_impairment"])
def test_the_longest_impairment_answer_saves_as_offered(cast, sign_in, field):
    longest = max(cld.values(field), key=len)
    page = sign_in(cast.member("assessor_a")).get(reverse("people:edit", args=[cast.person_a.pk])).content.decode()
    assert f'value="{longest}"' in page, "the form offers every value on the list"

    response = sign_in(cast.member("assessor_a")).post(
        reverse("people:edit", args=[cast.person_a.pk]), _edit_payload(cast.person_a, **{field: longest})
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    with scopes_disabled():
        assert getattr(Person.objects.get(pk=cast.person_a.pk), field) == longest


def test_every_person_list_value_fits_the_record():
    for field in PERSON_LISTS:
        room = Person._meta.get_field(field).max_length
        too_long = [v for v in cld.values(field) if len(v) > room]
        assert not too_long, f"{field} cannot hold {too_long}"


def test_demo_people_only_carry_values_the_person_form_offers():
    rows = [population.person_row(i, datetime.date(2026, 11, 27), 2026) for i in range(1, 400)]
    for field in PERSON_LISTS:
        seen = {row[field] for row in rows}
        assert seen <= set(cld.values(field)), f"{field}: {seen - set(cld.values(field))} is not on the list"
        assert len(seen) > 1, f"the demo shows more than one {field} answer"
