"""Referral reads against a second surgery and a second provider in the same council."""

import pytest
from django.http import Http404
from django_scopes import scopes_disabled

from assessflow.frontdoor.selectors import portal_referral_for, referral_for, referrals_made_by, screening_queue


def test_a_surgery_lists_only_its_own_referrals(cast):
    with scopes_disabled():
        assert list(referrals_made_by(cast.member("referrer_a"))) == [cast.portal_referral_a]
        assert list(referrals_made_by(cast.member("referrer_a2"))) == [cast.portal_referral_a2]


def test_a_surgery_opens_its_own_referral_and_not_the_other_surgerys(cast):
    with scopes_disabled():
        assert portal_referral_for(cast.member("referrer_a"), cast.portal_referral_a.pk) == cast.portal_referral_a
        with pytest.raises(Http404):
            portal_referral_for(cast.member("referrer_a"), cast.portal_referral_a2.pk)
        with pytest.raises(Http404):
            portal_referral_for(cast.member("referrer_a2"), cast.portal_referral_a.pk)


def test_a_provider_reaches_the_referrals_of_its_own_person_only(cast):
    own = cast.casework[cast.person_a_handed.pk]["referral"]
    other = cast.casework[cast.person_a_handed_q.pk]["referral"]
    with scopes_disabled():
        assert referral_for(cast.member("provider_assessor"), own.pk) == own
        with pytest.raises(Http404):
            referral_for(cast.member("provider_assessor"), other.pk)
        with pytest.raises(Http404):
            referral_for(cast.member("provider_q_assessor"), own.pk)


def test_the_screening_queue_holds_only_the_people_the_membership_sees(cast):
    with scopes_disabled():
        council = {r.person_id for r in screening_queue(cast.member("front_door_a"))}
        provider_q = {r.person_id for r in screening_queue(cast.member("provider_q_team_manager"))}
    assert {cast.person_a_handed.pk, cast.person_a_handed_q.pk, cast.citizen_person_a2.pk} <= council
    assert provider_q == {cast.person_a_handed_q.pk}
