"""An administrator adds users, hands them a one-off password link, and switches roles off and on."""

from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.audit.models import AccessEvent
from assessflow.tenancy.models import Membership, User
from assessflow.tenancy.services import password_setup_path

NEW_USER = {
    "full_name": "Nadia Newstarter",
    "email": "Nadia@Example.org",
    "role": "assessor",
    "qualification": "occupational_therapist",
}


def test_an_admin_adds_a_user_who_then_sets_a_password_and_signs_in(cast, sign_in, client):
    admin = sign_in(cast.member("council_admin_a"))
    response = admin.post(reverse("member-new"), NEW_USER)
    membership = Membership.objects.get(user__email="nadia@example.org")
    assert response["Location"] == reverse("member", args=[membership.pk])
    assert membership.organisation == cast.council_a
    assert membership.qualification == "occupational_therapist"
    assert not membership.user.has_usable_password()

    page = admin.get(reverse("member", args=[membership.pk])).content.decode()
    link = password_setup_path(membership.user)
    assert link in page

    client.logout()
    response = client.get(link, follow=True)
    assert "Create your password" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "a long unguessable phrase", "new_password2": "a long unguessable phrase"}
    )
    assert response["Location"] == reverse("sign-in")
    assert client.get(link).status_code == 404, "the link works once"
    signed_in = client.post(
        reverse("sign-in"), {"username": "nadia@example.org", "password": "a long unguessable phrase"}
    )
    assert signed_in.status_code == 302

    with scopes_disabled():
        [entry] = AccessEvent.objects.filter(action="member.added")
    assert entry.detail == {"email": "nadia@example.org", "role": "assessor"}
    assert entry.council_id == cast.council_a.pk


def test_an_assessor_needs_a_qualification(cast, sign_in):
    admin = sign_in(cast.member("council_admin_a"))
    page = admin.post(reverse("member-new"), {**NEW_USER, "qualification": ""}).content.decode()
    assert "Select the assessor&#x27;s qualification" in page
    assert not User.objects.filter(email="nadia@example.org").exists()


def test_the_same_role_twice_is_refused(cast, sign_in):
    admin = sign_in(cast.member("council_admin_a"))
    existing = cast.member("front_door_a").user
    page = admin.post(
        reverse("member-new"), {"full_name": existing.full_name, "email": existing.email, "role": "front_door"}
    ).content.decode()
    assert "already has that role here" in page


def test_a_provider_contract_manager_adds_only_provider_roles(cast, sign_in):
    manager = sign_in(cast.member("provider_contract_manager"))
    form = manager.get(reverse("member-new")).context["form"]
    assert {value for value, _ in form.fields["role"].choices} == {"assessor", "team_manager", "contract_manager"}
    response = manager.post(reverse("member-new"), {**NEW_USER, "role": "front_door", "qualification": ""})
    assert response.status_code == 200
    assert not Membership.objects.filter(user__email="nadia@example.org").exists()


def test_a_switched_off_role_can_no_longer_be_used(cast, sign_in, client):
    target = cast.member("assessor_a")
    admin = sign_in(cast.member("council_admin_a"))
    admin.post(reverse("member-switch", args=[target.pk]), {"active": "0"})
    target.refresh_from_db()
    assert not target.is_active
    client.force_login(target.user)
    assert client.get(reverse("people:find")).status_code == 403

    admin = sign_in(cast.member("council_admin_a"))
    admin.post(reverse("member-switch", args=[target.pk]), {"active": "1"})
    client.force_login(target.user)
    assert client.get(reverse("people:find")).status_code == 200
    with scopes_disabled():
        actions = list(AccessEvent.objects.filter(object_type="tenancy.membership").values_list("action", flat=True))
    assert sorted(actions) == ["member.switched_off", "member.switched_on"]


def test_nobody_switches_off_their_own_role(cast, sign_in):
    me = cast.member("council_admin_a")
    client = sign_in(me)
    assert client.post(reverse("member-switch", args=[me.pk]), {"active": "0"}).status_code == 403


def test_other_roles_cannot_manage_users(cast, sign_in):
    client = sign_in(cast.member("team_manager_a"))
    assert client.get(reverse("member-new")).status_code == 403
