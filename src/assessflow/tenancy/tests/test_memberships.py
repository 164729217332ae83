"""Organisations, roles and switching between them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.people.models import Person
from assessflow.tenancy.roles import Qualification, Role
from assessflow.tests import factories


@pytest.mark.django_db
class TestMembershipRules:
    def test_a_provider_cannot_have_a_front_door_officer(self):
        membership = factories.MembershipFactory.build(
            organisation=factories.ProviderFactory(), role=Role.FRONT_DOOR, user=factories.UserFactory()
        )
        with pytest.raises(ValidationError, match="cannot have the role"):
            membership.full_clean()

    def test_an_assessor_needs_a_qualification_and_nobody_else_has_one(self):
        council = factories.CouncilFactory()
        with pytest.raises(ValidationError, match="qualification"):
            factories.MembershipFactory.build(
                organisation=council, role=Role.ASSESSOR, user=factories.UserFactory()
            ).full_clean()
        with pytest.raises(ValidationError, match="Only assessors"):
            factories.MembershipFactory.build(
                organisation=council,
                role=Role.FRONT_DOOR,
                qualification=Qualification.SOCIAL_WORKER,
                user=factories.UserFactory(),
            ).full_clean()

    def test_a_referrer_organisation_belongs_to_a_council(self):
        from django.db import IntegrityError, transaction

        with pytest.raises(IntegrityError), transaction.atomic():
            factories.ReferrerOrganisationFactory(council=None)

    def test_an_ended_contract_gives_the_provider_no_scope(self):
        import datetime

        contract = factories.ContractFactory(ends_on=datetime.date(2025, 12, 31))
        membership = factories.MembershipFactory(organisation=contract.provider, role=Role.CONTRACT_MANAGER)
        assert membership.council_ids() == []


class TestScopeGuard:
    def test_an_unscoped_query_on_people_fails_loudly(self, cast):
        from django_scopes.exceptions import ScopeError

        with pytest.raises(ScopeError):
            Person.objects.count()
        with scopes_disabled():
            assert Person.objects.count() == 7


class TestChoosingARole:
    def test_a_user_with_two_roles_can_switch(self, cast, client):
        first = cast.member("assessor_a")
        second = factories.MembershipFactory(user=first.user, organisation=cast.council_a, role=Role.PANEL_MEMBER)
        client.force_login(first.user)
        assert "Change role" in client.get(reverse("home")).content.decode()
        response = client.post(reverse("choose-role"), {"membership": second.pk})
        assert response.status_code == 302
        assert "Funding panel member" in client.get(reverse("home")).content.decode()

    def test_someone_elses_role_cannot_be_chosen(self, cast, client):
        me = cast.member("assessor_a")
        client.force_login(me.user)
        response = client.post(reverse("choose-role"), {"membership": cast.member("team_manager_b").pk})
        assert response.status_code == 400
        assert client.session.get("membership_id") is None

    def test_a_user_with_no_role_is_told_so(self, client, db):
        client.force_login(factories.UserFactory())
        response = client.get(reverse("home"))
        assert response.status_code == 403
        assert "You do not have a role" in response.content.decode()


class TestHome:
    @pytest.mark.parametrize(
        ("member", "expected"),
        [
            ("front_door_a", ["Find a person"]),
            ("council_admin_a", ["Users and teams"]),
            ("citizen_a", ["Your record"]),
        ],
    )
    def test_navigation_follows_the_role(self, cast, sign_in, member, expected):
        page = sign_in(cast.member(member)).get(reverse("home")).content.decode()
        for label in expected:
            assert label in page
        if member != "front_door_a":
            assert "Find a person" not in page

    def test_the_header_names_the_council_and_role(self, cast, sign_in):
        page = sign_in(cast.member("assessor_a")).get(reverse("home")).content.decode()
        assert "Council A" in page
        assert "Assessor (social worker)" in page

    def test_a_provider_sees_counts_of_handed_over_cases_only(self, cast, sign_in):
        response = sign_in(cast.member("provider_assessor")).get(reverse("home"))
        assert response.context["overview"].people == 1

    def test_the_council_admin_sees_users_and_contracts(self, cast, sign_in):
        page = sign_in(cast.member("council_admin_a")).get(reverse("organisation-members")).content.decode()
        assert cast.member("assessor_a").user.email in page
        assert cast.member("assessor_b").user.email not in page
        assert cast.member("citizen_a").user.email not in page, "residents are not staff to manage"
        assert "Provider P" in page
