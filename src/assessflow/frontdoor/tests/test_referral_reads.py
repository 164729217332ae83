"""What the front door's queue, its counts and a referrer's portal say about referrals."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.frontdoor import selectors
from assessflow.frontdoor.models import Referral
from assessflow.tenancy.roles import Role
from assessflow.tests import factories

Status, Source = Referral.Status, Referral.Source


@pytest.mark.parametrize(
    ("status", "consent", "source", "told"),
    [
        (Status.RECEIVED, True, Source.GP, None),  # still open: nothing to tell
        (Status.INFO_REQUESTED, True, Source.SELF, None),
        (Status.WAITING_LIST, True, Source.GP, "On a waiting list"),
        (Status.WAITING_LIST, False, Source.GP, None),  # no consent: the GP is not told (s.12)
        (Status.SCREENED_OUT, False, Source.SELF, "Screened out"),  # the person referred themselves
        (Status.SCREENED_OUT, False, Source.FAMILY, None),
    ],
)
def test_a_referrer_is_told_the_outcome_only_with_consent_or_of_their_own_referral(status, consent, source, told):
    referral = Referral(status=status, consent_to_share_outcome=consent, source=source)
    assert selectors.outcome_for_referrer(referral) == told


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (Status.RECEIVED, "Received: waiting to be screened"),
        (Status.INFO_REQUESTED, "We need more information from you"),
        (Status.WAITING_LIST, "Screened"),
        (Status.CLOSED_ADVICE, "Screened"),
    ],
)
def test_the_portal_words_each_status_for_the_referrer(status, shown):
    assert selectors.status_for_referrer(Referral(status=status)) == shown


@pytest.fixture
def front_door(db):
    with scopes_disabled():
        council = factories.CouncilFactory()
        member = factories.MembershipFactory(organisation=council, role=Role.FRONT_DOOR)
        alice, bert = factories.PersonFactory(council=council), factories.PersonFactory(council=council)
    return member, alice, bert


def _referral(person, *, days_ago=0, **fields):
    received = timezone.now() - datetime.timedelta(days=days_ago)
    with scopes_disabled():
        return factories.ReferralFactory(person=person, received_at=received, **fields)


def test_the_queue_holds_open_referrals_only_most_urgent_then_oldest_first(front_door):
    member, alice, bert = front_door
    routine_old = _referral(alice, days_ago=9, urgency="routine")
    soon = _referral(bert, days_ago=1, urgency="soon")
    urgent = _referral(alice, days_ago=0, urgency="urgent")
    asked = _referral(bert, days_ago=3, urgency="routine", status=Status.INFO_REQUESTED)
    _referral(alice, days_ago=2, urgency="urgent", status=Status.WAITING_LIST)
    _referral(bert, days_ago=2, urgency="urgent", status=Status.SCREENED_OUT)
    with scopes_disabled():
        assert list(selectors.screening_queue(member)) == [urgent, soon, routine_old, asked]


def test_the_counts_split_the_queue_by_status_urgency_and_age(front_door):
    member, alice, bert = front_door
    _referral(alice, days_ago=0, urgency="urgent")
    _referral(bert, days_ago=1, urgency="soon")
    _referral(alice, days_ago=6, urgency="routine", status=Status.INFO_REQUESTED)
    _referral(bert, days_ago=8, urgency="routine")
    _referral(alice, days_ago=20, urgency="routine")
    _referral(bert, days_ago=3, urgency="urgent", status=Status.WAITING_LIST)  # screened: not counted
    with scopes_disabled():
        counts = selectors.screening_counts(member, timezone.localdate())
    assert counts == {
        "total": 5,
        "received": 4,
        "info_requested": 1,
        "urgent": 1,
        "soon": 1,
        "routine": 3,
        "today": 1,
        "this_week": 2,
        "older": 2,
    }


def test_a_persons_referrals_are_their_own(front_door):
    _, alice, bert = front_door
    first, second = _referral(alice, days_ago=5), _referral(alice, days_ago=1)
    _referral(bert)
    with scopes_disabled():
        assert list(selectors.referrals_of(alice)) == [second, first]
