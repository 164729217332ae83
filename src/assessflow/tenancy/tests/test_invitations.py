"""Adding someone who already has an account elsewhere invites them; it never hands over their account."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.audit.models import AccessEvent
from assessflow.tenancy.models import Invitation, Membership, User
from assessflow.tenancy.services import password_setup_path

KWAME = {"full_name": "Kwame Mensah (Shire)", "email": "kwame@shire.example", "role": "front_door"}
TYPED_BY_A = {
    "full_name": "K Mensah",
    "email": "KWAME@shire.example",
    "role": "assessor",
    "qualification": "social_worker",
}


@pytest.fixture
def kwame(cast, sign_in):
    """Council B creates Kwame's account; he has not set a password yet."""
    sign_in(cast.member("council_admin_b")).post(reverse("member-new"), KWAME, follow=True)
    return User.objects.get(email="kwame@shire.example")


def _sign_in_as_user(client, user):
    client.force_login(user)
    return client


def test_adding_another_councils_account_invites_and_shows_nothing_of_it(cast, sign_in, kwame):
    admin_a = sign_in(cast.member("council_admin_a"))
    response = admin_a.post(reverse("member-new"), TYPED_BY_A, follow=True)
    page = response.content.decode()

    assert not Membership.objects.filter(user=kwame, organisation=cast.council_a).exists()
    assert "already has an account, so we have invited them" in page
    assert "Kwame Mensah (Shire)" not in page
    assert password_setup_path(kwame) not in page
    with scopes_disabled():
        invitation = Invitation.objects.get(organisation=cast.council_a, email="kwame@shire.example")
    assert (invitation.email, invitation.role, invitation.status) == ("kwame@shire.example", "assessor", "pending")

    members_page = admin_a.get(reverse("organisation-members")).content.decode()
    assert "kwame@shire.example" in members_page
    assert "Kwame Mensah (Shire)" not in members_page
    # No member page of A's leads to his account, so no link can be had from A.
    for membership in Membership.objects.filter(organisation=cast.council_a):
        member_page = admin_a.get(reverse("member", args=[membership.pk])).content.decode()
        assert password_setup_path(kwame) not in member_page


def test_a_provider_cannot_take_an_account_of_a_council_it_has_no_contract_with(cast, sign_in, kwame):
    manager = sign_in(cast.member("provider_contract_manager"))
    page = manager.post(
        reverse("member-new"), {**TYPED_BY_A, "qualification": "contracted_assessor"}, follow=True
    ).content.decode()
    assert not Membership.objects.filter(user=kwame, organisation=cast.provider).exists()
    assert "Kwame Mensah (Shire)" not in page
    assert password_setup_path(kwame) not in page


def test_only_the_creating_organisation_sees_the_set_password_link(cast, sign_in, kwame):
    admin_b = sign_in(cast.member("council_admin_b"))
    own = Membership.objects.get(user=kwame, organisation=cast.council_b)
    assert password_setup_path(kwame) in admin_b.get(reverse("member", args=[own.pk])).content.decode()


def test_an_existing_account_with_a_role_elsewhere_gets_no_link_anywhere(cast, sign_in):
    """An account of B's that A's administrator once made: A must not be able to reset it into their hands."""
    worker = cast.member("front_door_b").user
    worker.set_unusable_password()
    worker.created_by = cast.council_a
    worker.save()
    with scopes_disabled():
        sneaked = Membership.objects.create(
            user=worker, organisation=cast.council_a, role="assessor", qualification="social_worker"
        )
    page = sign_in(cast.member("council_admin_a")).get(reverse("member", args=[sneaked.pk])).content.decode()
    assert password_setup_path(worker) not in page


def test_the_owner_accepts_after_signing_in_and_gets_the_role(cast, sign_in, client, kwame):
    sign_in(cast.member("council_admin_a")).post(reverse("member-new"), TYPED_BY_A)
    client.logout()
    kwame.set_password("a long unguessable phrase")
    kwame.save()
    owner = _sign_in_as_user(client, kwame)
    home = owner.get(reverse("home")).content.decode()
    assert "Council A invites you to work with them as assessor" in home
    invitation = Invitation.objects.get(organisation=cast.council_a, email="kwame@shire.example")

    response = owner.post(reverse("invitation-answer", args=[invitation.pk]), {"answer": "accept"}, follow=True)
    assert "You now work with Council A as assessor" in response.content.decode()
    membership = Membership.objects.get(user=kwame, organisation=cast.council_a)
    assert (membership.role, membership.qualification) == ("assessor", "social_worker")
    assert Membership.objects.filter(user=kwame, organisation=cast.council_b).exists(), "keeps the role he had"
    invitation.refresh_from_db()
    assert (invitation.status, invitation.membership) == ("accepted", membership)
    assert owner.post(reverse("invitation-answer", args=[invitation.pk]), {"answer": "accept"}).status_code == 404
    with scopes_disabled():
        assert AccessEvent.objects.filter(action="member.invitation_accepted", actor=kwame).count() == 1
    # Once he holds a role in A too, B's administrators may no longer hand out a set-password link for him.
    kwame.set_unusable_password()
    kwame.save()
    own = Membership.objects.get(user=kwame, organisation=cast.council_b)
    page = sign_in(cast.member("council_admin_b")).get(reverse("member", args=[own.pk])).content.decode()
    assert password_setup_path(kwame) not in page


def test_declining_gives_no_role(cast, sign_in, client, kwame):
    sign_in(cast.member("council_admin_a")).post(reverse("member-new"), TYPED_BY_A)
    invitation = Invitation.objects.get(organisation=cast.council_a, email="kwame@shire.example")
    owner = _sign_in_as_user(client, kwame)
    owner.post(reverse("invitation-answer", args=[invitation.pk]), {"answer": "decline"})
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not Membership.objects.filter(user=kwame, organisation=cast.council_a).exists()


def test_nobody_but_the_owner_can_answer(cast, sign_in, kwame):
    sign_in(cast.member("council_admin_a")).post(reverse("member-new"), TYPED_BY_A)
    invitation = Invitation.objects.get(organisation=cast.council_a, email="kwame@shire.example")
    for attacker in ("council_admin_a", "council_admin_b", "provider_contract_manager", "front_door_a"):
        response = sign_in(cast.member(attacker)).post(
            reverse("invitation-answer", args=[invitation.pk]), {"answer": "accept"}
        )
        assert response.status_code == 404
    assert not Membership.objects.filter(user=kwame, organisation=cast.council_a).exists()


def test_the_inviting_organisation_withdraws_and_no_one_else_can(cast, sign_in, kwame):
    sign_in(cast.member("council_admin_a")).post(reverse("member-new"), TYPED_BY_A)
    invitation = Invitation.objects.get(organisation=cast.council_a, email="kwame@shire.example")
    assert (
        sign_in(cast.member("council_admin_b")).post(reverse("invitation-withdraw", args=[invitation.pk])).status_code
        == 404
    )
    sign_in(cast.member("council_admin_a")).post(reverse("invitation-withdraw", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"


def test_inviting_twice_to_the_same_role_is_refused(cast, sign_in, kwame):
    admin = sign_in(cast.member("council_admin_a"))
    admin.post(reverse("member-new"), TYPED_BY_A)
    page = admin.post(reverse("member-new"), TYPED_BY_A).content.decode()
    assert "already been invited to that role" in page
    assert Invitation.objects.filter(organisation=cast.council_a, email="kwame@shire.example").count() == 1


def test_an_account_this_organisation_made_takes_another_role_at_once(cast, sign_in):
    admin = sign_in(cast.member("council_admin_a"))
    admin.post(reverse("member-new"), {"full_name": "Nadia New", "email": "nadia@example.org", "role": "front_door"})
    admin.post(
        reverse("member-new"),
        {"full_name": "Nadia New", "email": "nadia@example.org", "role": "assessor", "qualification": "social_worker"},
    )
    assert Membership.objects.filter(user__email="nadia@example.org", organisation=cast.council_a).count() == 2
    assert not Invitation.objects.filter(email="nadia@example.org").exists()
