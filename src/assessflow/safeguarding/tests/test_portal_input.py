"""A concern or a DoLS request from the portal: the person's NHS number and phone are checked, never a server error."""

from django_scopes import scopes_disabled

from assessflow.safeguarding.models import Concern, DolsApplication

from .test_portal import _ask, _raise

BORN = {"date_of_birth_0": "1", "date_of_birth_1": "2", "date_of_birth_2": "1940"}


def test_a_superscript_in_the_nhs_number_of_a_concern_is_refused_in_words(cast, sign_in):
    response = _raise(sign_in(cast.member("referrer_a")), nhs_number="943 476 591\u00b2", **BORN)
    assert response.status_code == 400
    assert "Enter the NHS number using the digits 0 to 9" in response.content.decode()
    with scopes_disabled():
        assert not Concern.objects.filter(origin="portal").exists()


def test_a_dols_request_refuses_thirty_nines_as_a_phone_number_and_matches_full_width_digits(cast, sign_in):
    home = sign_in(cast.member("referrer_a"))
    refused = _ask(home, phone="9" * 30, **BORN)
    assert refused.status_code == 400
    assert "Enter a telephone number, like 01632 960 001" in refused.content.decode()

    full_width = "\uff19\uff14\uff13\uff14\uff17\uff16\uff15\uff19\uff11\uff19"  # Alice Ashworth's 943 476 5919
    assert _ask(home, nhs_number=full_width, **BORN).status_code == 302
    with scopes_disabled():
        application = DolsApplication.objects.get(managing_authority_organisation=cast.referrer_org_a)
    assert application.person == cast.person_a
