"""Who opens which safeguarding and DoLS records, everyone in the same council unless said otherwise: the teams,
the workers named on a case, the glass broken on one record, and nobody from a provider or another council."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.people.models import Restriction
from assessflow.people.restrictions import RestrictedRecord
from assessflow.safeguarding import access
from assessflow.safeguarding.doctors import ApprovedDoctor
from assessflow.safeguarding.models import SafeguardingSettings
from assessflow.tenancy.models import Notification
from assessflow.tenancy.roles import Qualification, Role
from assessflow.tests import factories


def _member(org, role=Role.ASSESSOR, **extra):
    qualification = extra.pop("qualification", Qualification.SOCIAL_WORKER if role == Role.ASSESSOR else "")
    return factories.MembershipFactory(organisation=org, role=role, qualification=qualification, **extra)


class World:
    def __init__(self):
        self.council = factories.CouncilFactory()
        other = factories.CouncilFactory()
        provider = factories.ProviderFactory()
        factories.ContractFactory(council=self.council, provider=provider)
        teams = factories.SafeguardingTeamsFactory(council=self.council)
        other_teams = factories.SafeguardingTeamsFactory(council=other)
        sg_team, dols_team = teams.safeguarding_teams.get(), teams.dols_teams.get()
        self.safeguarding = _member(self.council, team=sg_team)
        self.safeguarding_manager = _member(self.council, Role.TEAM_MANAGER, team=sg_team)
        self.dols = _member(self.council, Role.TEAM_MANAGER, team=dols_team)
        self.dols_assessor = _member(self.council, team=dols_team)
        _member(self.council, Role.TEAM_MANAGER, team=dols_team, is_active=False)
        self.plain = _member(self.council)  # in no team
        self.other_team = _member(self.council, team=factories.TeamFactory(organisation=self.council))
        self.lead, self.named = _member(self.council), _member(self.council)
        self.bia, self.mha, self.signatory = _member(self.council), _member(self.council), _member(self.council)
        self.outsider = _member(other, team=other_teams.safeguarding_teams.get())
        self.outsider_dols = _member(other, Role.TEAM_MANAGER, team=other_teams.dols_teams.get())
        self.provider = _member(provider, qualification=Qualification.CONTRACTED_ASSESSOR)
        self.provider_manager = _member(provider, Role.TEAM_MANAGER)
        self.person = factories.PersonFactory(council=self.council)
        self.enquiry = factories.EnquiryFactory(concern__person=self.person, lead=self.lead.user)
        self.enquiry.named_workers.add(self.named.user)
        self.concern = self.enquiry.concern
        self.unnamed_concern = factories.ConcernFactory(person=self.person)
        self.foreign_concern = factories.ConcernFactory(person=factories.PersonFactory(council=other))
        self.application = factories.DolsApplicationFactory(
            person=self.person,
            best_interests_assessor=self.bia.user,
            mental_health_assessor=self.mha.user,
            signatory=self.signatory.user,
        )
        self.unnamed_application = factories.DolsApplicationFactory(person=self.person)
        self.foreign_application = factories.DolsApplicationFactory(person=factories.PersonFactory(council=other))
        self.doctor = ApprovedDoctor.objects.create(
            council=self.council,
            name="Dr Ada Mensah",
            gmc_number="7123456",
            approval="s12",
            organisation="Northway Assessment Services",
            approval_ends_on=timezone.localdate() + datetime.timedelta(days=200),
            added_by=self.bia.user,
        )
        self.external = factories.DolsApplicationFactory(
            person=self.person, best_interests_assessor=self.bia.user, mental_health_doctor=self.doctor
        )
        self.bia_only = factories.DolsApplicationFactory(person=self.person, best_interests_assessor=self.bia.user)
        self.citizen = _member(self.council, Role.CITIZEN)
        # A council that has named its safeguarding team and not yet its DoLS team.
        self.half_set_up = factories.CouncilFactory()
        settings = SafeguardingSettings.objects.create(council=self.half_set_up)
        settings.safeguarding_teams.add(factories.TeamFactory(organisation=self.half_set_up))
        self.half_set_up_worker = _member(self.half_set_up)
        self.half_set_up_application = factories.DolsApplicationFactory(
            person=factories.PersonFactory(council=self.half_set_up)
        )
        # A restricted person with a concern: the restriction names a manager and nobody else.
        self.restricted_person = factories.PersonFactory(council=self.council)
        self.restricted_enquiry = factories.EnquiryFactory(concern__person=self.restricted_person, lead=self.lead.user)
        Restriction.objects.create(
            council=self.council,
            person=self.restricted_person,
            reason="Staff member's relative",
            manager=self.safeguarding_manager.user,
            created_by=self.safeguarding_manager.user,
        )


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    """Built once for the module; each test runs in its own transaction inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with scopes_disabled():
            world = World()
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(db, _world):
    with scopes_disabled():
        yield _world


def glass(*records) -> dict:
    return {access.SESSION_KEY: [f"{kind}:{record.pk}" for kind, record in records]}


def concerns(member, session=None) -> set:
    return set(access.concerns_visible_to(member, session))


def applications(member, session=None) -> set:
    return set(access.dols_visible_to(member, session))


def test_the_safeguarding_team_sees_every_concern_of_its_own_council_and_no_dols(world):
    everything = {world.concern, world.unnamed_concern, world.restricted_enquiry.concern}
    assert concerns(world.safeguarding) == everything
    assert concerns(world.safeguarding_manager) == everything
    assert applications(world.safeguarding) == set()
    assert concerns(world.outsider) == {world.foreign_concern}


def test_the_dols_team_sees_every_dols_request_of_its_own_council_and_no_concern(world):
    everything = {world.application, world.unnamed_application, world.external, world.bia_only}
    assert applications(world.dols) == everything
    assert applications(world.dols_assessor) == everything
    assert concerns(world.dols) == set()
    assert applications(world.outsider_dols) == {world.foreign_application}


def test_a_worker_sees_only_the_records_they_are_named_on(world):
    assert concerns(world.lead) == {world.concern, world.restricted_enquiry.concern}
    assert concerns(world.named) == {world.concern}
    assert applications(world.bia) == {world.application, world.external, world.bia_only}
    assert applications(world.mha) == applications(world.signatory) == {world.application}
    for member in (world.plain, world.other_team):
        assert concerns(member) == set()
        assert applications(member) == set()


def test_breaking_the_glass_opens_that_one_record_for_the_session(world):
    session = glass(("concern", world.unnamed_concern), ("dols", world.unnamed_application))
    assert concerns(world.plain, session) == {world.unnamed_concern}
    assert applications(world.plain, session) == {world.unnamed_application}
    # The glass on a concern opens no DoLS request that shares its number, and the other way round.
    assert concerns(world.plain, glass(("dols", world.unnamed_concern))) == set()
    assert applications(world.plain, glass(("concern", world.unnamed_application))) == set()
    assert concerns(world.lead, session) == {world.concern, world.unnamed_concern, world.restricted_enquiry.concern}


def test_provider_staff_never_see_safeguarding_records_even_with_the_glass_in_their_session(world):
    session = glass(("concern", world.concern), ("dols", world.application))
    for member in (world.provider, world.provider_manager):
        assert concerns(member, session) == set()
        assert applications(member, session) == set()


def test_opening_a_record_answers_open_restricted_or_not_found(world):
    assert access.concern_for(world.lead, world.concern.pk) == world.concern
    assert access.dols_for(world.bia, world.application.pk) == world.application
    with pytest.raises(RestrictedRecord) as restricted:
        access.concern_for(world.plain, world.concern.pk)
    assert restricted.value.person == world.person
    assert restricted.value.break_glass_url == f"/safeguarding/concerns/{world.concern.pk}/break-glass/"
    assert "safeguarding team" in restricted.value.notice
    with pytest.raises(RestrictedRecord) as restricted:
        access.dols_for(world.plain, world.application.pk)
    assert "DoLS team" in restricted.value.notice
    for member, pk in (
        (world.outsider, world.concern.pk),  # another council's team
        (world.provider, world.concern.pk),  # a provider's assessor
        (world.plain, world.foreign_concern.pk),
    ):
        with pytest.raises(Http404):
            access.concern_for(member, pk)
    with pytest.raises(Http404):
        access.dols_for(world.provider, world.application.pk)


def test_the_glass_lets_a_worker_read_an_enquiry_never_change_it(world):
    assert access.may_change_enquiry(world.safeguarding, world.enquiry, lead_only=True)
    assert access.may_change_enquiry(world.lead, world.enquiry, lead_only=True)
    assert access.may_change_enquiry(world.named, world.enquiry)
    assert not access.may_change_enquiry(world.named, world.enquiry, lead_only=True)
    # Broke the glass on it: may read it (above), may not write a strategy discussion or anything else.
    assert world.concern in concerns(world.plain, glass(("concern", world.concern)))
    assert not access.may_change_enquiry(world.plain, world.enquiry)
    assert not access.may_change_enquiry(world.dols, world.enquiry)


def test_only_the_dols_team_and_the_named_assessor_record_an_assessment(world):
    app, external = world.application, world.external
    assert access.may_assess(world.dols_assessor, app, "mental_health")
    assert access.may_assess(world.dols_assessor, app, "best_interests")
    assert access.may_assess(world.bia, app, "best_interests")
    assert not access.may_assess(world.bia, app, "mental_health")  # the doctor has an account of their own
    assert access.may_assess(world.mha, app, "mental_health")
    assert not access.may_assess(world.mha, app, "best_interests")
    # An external doctor without an account: the best interests assessor records their assessment for them.
    assert access.may_assess(world.bia, external, "mental_health")
    assert not access.may_assess(world.mha, external, "mental_health")
    assert not access.may_assess(world.safeguarding, app, "best_interests")
    # No doctor named yet: nobody but the team records a mental health assessment, not even the BIA.
    assert access.may_assess(world.bia, world.bia_only, "best_interests")
    assert not access.may_assess(world.bia, world.bia_only, "mental_health")


def test_breaking_the_glass_is_logged_and_tells_that_teams_managers_at_once(world):
    session: dict = {}
    actor = Actor(user=world.plain.user, membership=world.plain)
    with pytest.raises(ValueError, match="needs a reason"):
        access.break_glass(actor=actor, record=world.application, reason="   ", session=session)
    assert session == {}
    access.break_glass(actor=actor, record=world.application, reason=" Out of hours, urgent ", session=session)
    assert applications(world.plain, session) == {world.application}
    with scopes_disabled():
        event = AccessEvent.objects.get(action="safeguarding.dols.break_glass")
        told = set(Notification.objects.values_list("user_id", flat=True))
    assert event.detail == {"reason": "Out of hours, urgent"}
    with scopes_disabled():
        assert Notification.objects.get().url == f"/safeguarding/dols/{world.application.pk}/"
    assert event.actor == world.plain.user
    assert told == {world.dols.user_id}, "the DoLS team's active manager only"

    access.break_glass(actor=actor, record=world.unnamed_concern, reason="Duty call", session=session)
    with scopes_disabled():
        told = set(Notification.objects.exclude(user=world.dols.user).values_list("user_id", flat=True))
    assert told == {world.safeguarding_manager.user_id}
    with scopes_disabled():
        assert Notification.objects.get(user=world.safeguarding_manager.user).url == (
            f"/safeguarding/concerns/{world.unnamed_concern.pk}/"
        )
    assert concerns(world.plain, session) == {world.unnamed_concern}


def test_provider_staff_cannot_break_the_glass(world):
    actor = Actor(user=world.provider.user, membership=world.provider)
    with pytest.raises(PermissionDenied):
        access.break_glass(actor=actor, record=world.concern, reason="Curious", session={})


def test_saved_settings_are_read_and_defaults_written_nowhere(world):
    saved = access.settings_for(world.council)
    assert saved.pk is not None and saved.safeguarding_teams.exists()
    fresh = factories.CouncilFactory()
    default = access.settings_for(fresh)
    assert default.pk is None and default.council == fresh


def test_a_citizen_of_the_council_learns_nothing_of_a_safeguarding_record(world):
    assert concerns(world.citizen) == set()
    with pytest.raises(Http404):
        access.concern_for(world.citizen, world.concern.pk)
    with pytest.raises(Http404):
        access.dols_for(world.citizen, world.application.pk)


def test_a_council_without_a_dols_team_lets_nobody_see_dols_requests(world):
    assert not access.in_dols_team(world.half_set_up_worker)
    assert applications(world.half_set_up_worker) == set()


def test_being_named_on_an_enquiry_does_not_open_a_restricted_persons_record(world):
    concern = world.restricted_enquiry.concern
    with pytest.raises(RestrictedRecord):
        access.concern_for(world.lead, concern.pk)
    # The safeguarding team opens it: the restriction does not keep the team from its own work.
    assert access.concern_for(world.safeguarding, concern.pk) == concern
