"""A referrer raises a concern in the portal: it reaches the council's queue, and they see only that it arrived."""

import uuid

from django_scopes import scopes_disabled

from assessflow.safeguarding.models import Concern

from .helpers import CONCERN

PERSON = {
    "given_name": "Alice",
    "family_name": "Ashworth",
    "date_of_birth_0": "",
    "date_of_birth_1": "",
    "date_of_birth_2": "",
    "nhs_number": "943 476 5919",
    "address_line_1": "1 High Street",
    "town": "",
    "postcode": "LU1 2BQ",
    "phone": "",
}


def _raise(client, **changes):
    return client.post(
        "/portal/safeguarding/new/", {**PERSON, **CONCERN, "submission_id": str(uuid.uuid4()), **changes}
    )


def test_a_referrers_concern_is_matched_and_reaches_the_councils_queue(cast, sign_in):
    referrer = sign_in(cast.member("referrer_a"))
    response = _raise(referrer, date_of_birth_0="1", date_of_birth_1="2", date_of_birth_2="1940")
    with scopes_disabled():
        concern = Concern.objects.get(origin="portal")
    assert response["Location"] == f"/portal/safeguarding/{concern.pk}/"
    assert concern.person == cast.person_a  # matched on the NHS number
    assert concern.council == cast.council_a
    acknowledgement = referrer.get(response["Location"]).content.decode()
    assert "Safeguarding concern received" in acknowledgement
    assert concern.reference in referrer.get("/portal/safeguarding/").content.decode()
    assert concern.reference in sign_in(cast.member("safeguarding_a")).get("/safeguarding/").content.decode()


def test_another_referrer_gets_404(cast, sign_in):
    _raise(sign_in(cast.member("referrer_a")), date_of_birth_0="1", date_of_birth_1="2", date_of_birth_2="1940")
    with scopes_disabled():
        concern = Concern.objects.get(origin="portal")
    other = sign_in(cast.member("referrer_b"))
    assert other.get(f"/portal/safeguarding/{concern.pk}/").status_code == 404
    assert concern.reference not in other.get("/portal/safeguarding/").content.decode()


def test_the_portal_form_names_each_missing_field(cast, sign_in):
    page = _raise(sign_in(cast.member("referrer_a")), given_name="", what_happened="").content.decode()
    assert "Enter the person&#x27;s first name" in page or "Enter the person's first name" in page
    assert "Describe what happened" in page
    with scopes_disabled():
        assert not Concern.objects.filter(origin="portal").exists()


def _ask(client, **changes):
    request = {
        "setting": "care_home",
        "reasons": "Locked door; she is supervised at all times and asks to go home",
        "urgent": "no",
        "urgent_given_on_0": "",
        "urgent_given_on_1": "",
        "urgent_given_on_2": "",
        "urgent_days": "",
    }
    return client.post(
        "/portal/safeguarding/dols/new/",
        {**PERSON, **request, "submission_id": str(uuid.uuid4()), **changes},
    )


def test_a_care_home_asks_for_an_authorisation_and_follows_it(cast, sign_in):
    from assessflow.safeguarding.models import DolsApplication

    home = sign_in(cast.member("referrer_a"))
    response = _ask(home, date_of_birth_0="1", date_of_birth_1="2", date_of_birth_2="1940")
    with scopes_disabled():
        application = DolsApplication.objects.get(managing_authority_organisation=cast.referrer_org_a)
    assert response["Location"] == f"/portal/safeguarding/dols/{application.pk}/"
    assert application.person == cast.person_a
    assert application.managing_authority == cast.referrer_org_a.name
    page = home.get(response["Location"]).content.decode()
    assert "The council decides by" in page
    assert "Received" in page
    assert application.reference in sign_in(cast.member("dols_a")).get("/safeguarding/dols/").content.decode()
    assert sign_in(cast.member("referrer_b")).get(response["Location"]).status_code == 404


def test_a_care_homes_urgent_authorisation_over_seven_days_is_refused(cast, sign_in):
    page = _ask(
        sign_in(cast.member("referrer_a")),
        date_of_birth_0="1",
        date_of_birth_1="2",
        date_of_birth_2="1940",
        urgent="yes",
        urgent_given_on_0="1",
        urgent_given_on_1="1",
        urgent_given_on_2="2026",
        urgent_days="10",
    ).content.decode()
    assert "An urgent authorisation lasts from 1 to 7 days" in page
