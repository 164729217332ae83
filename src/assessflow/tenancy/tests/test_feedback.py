"""Adding a member, switching a role, withdrawing an invitation and choosing the role to work in are each confirmed
in a success banner naming the person, the email or the role."""

from django.urls import reverse

from assessflow.tenancy.roles import Role
from assessflow.tests import factories
from assessflow.tests.feedback import banner

from .test_member_pages import NEW_USER


def test_adding_a_member_names_them_and_their_role(cast, sign_in):
    page = sign_in(cast.member("council_admin_a")).post(reverse("member-new"), NEW_USER, follow=True)
    assert banner(page) == "Nadia Newstarter is added as Assessor (occupational therapist)"


def test_switching_a_role_off_and_on_is_confirmed(cast, sign_in):
    admin = sign_in(cast.member("council_admin_a"))
    target = cast.member("assessor_a")
    page = admin.post(reverse("member-switch", args=[target.pk]), {"active": "0"}, follow=True)
    assert banner(page) == f"{target.user.full_name}'s role is switched off"
    page = admin.post(reverse("member-switch", args=[target.pk]), {"active": "1"}, follow=True)
    assert banner(page) == f"{target.user.full_name}'s role is switched on"


def test_withdrawing_an_invitation_names_the_email(cast, sign_in):
    invitation = cast.invitations[cast.council_a.pk]
    admin = sign_in(cast.member("council_admin_a"))
    page = admin.post(reverse("invitation-withdraw", args=[invitation.pk]), follow=True)
    assert banner(page) == f"The invitation to {invitation.email} is withdrawn"


def test_choosing_a_role_says_which_one_is_in_use(cast, client):
    first = cast.member("front_door_a")
    second = factories.MembershipFactory(organisation=cast.council_b, role=Role.PANEL_MEMBER, user=first.user)
    client.force_login(first.user)
    page = client.post(reverse("choose-role"), {"membership": second.pk}, follow=True)
    assert banner(page) == "You are working as funding panel member for Council B"
