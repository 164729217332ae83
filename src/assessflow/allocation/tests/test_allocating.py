"""Allocating by hand, reallocating and withdrawing: transitions of the entry, with their events and counts."""

from django_scopes import scopes_disabled

from assessflow.allocation.models import Allocation
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.people.models import Handover
from assessflow.waiting.models import WaitingTally


def _waiting(council) -> int:
    with scopes_disabled():
        return sum(WaitingTally.objects.filter(council=council).values_list("waiting", flat=True))


def _allocate(client, entry, assessor, reason="Knows the family"):
    return client.post(f"/allocation/entries/{entry.pk}/", {"assessor": assessor.pk, "reason": reason})


def test_a_manager_allocates_by_hand_and_it_leaves_the_waiting_count(cast, sign_in, pool):
    entry = cast.casework[cast.person_a.pk]["entry"]
    before = _waiting(cast.council_a)
    manager = sign_in(cast.member("team_manager_a"))
    assert _allocate(manager, entry, cast.member("assessor_a").user).status_code == 302
    with scopes_disabled():
        entry.refresh_from_db()
        event = PathwayEvent.objects.filter(work_item_id=str(entry.pk), event_type=EventType.ALLOCATED).get()
    assert entry.status == "allocated"
    assert event.from_status == "waiting" and event.to_status == "allocated"
    assert _waiting(cast.council_a) == before - 1
    caseload = sign_in(cast.member("assessor_a")).get("/allocation/caseload/").content.decode()
    assert cast.person_a.full_name in caseload


def test_an_unqualified_worker_is_never_allocated_work_that_needs_a_qualification(cast, sign_in, pool):
    entry = cast.casework[cast.person_a.pk]["entry"]
    with scopes_disabled():
        entry.work_type = "needs_assessment"
        entry.save()
    manager = sign_in(cast.member("team_manager_a"))
    page = _allocate(manager, entry, pool["assistant"].membership.user).content.decode()
    assert "no assessor holds a qualification this work needs" in page
    with scopes_disabled():
        assert not Allocation.objects.filter(entry=entry).exists()


def test_an_unqualified_worker_without_a_supervisor_is_not_allocated_a_review_by_hand(cast, sign_in, pool):
    entry = cast.casework[cast.person_a.pk]["entry"]
    assistant = pool["assistant"]
    assert entry.work_type == "annual_review" and assistant.supervisor_id is None
    manager = sign_in(cast.member("team_manager_a"))
    page = _allocate(manager, entry, assistant.membership.user).content.decode()
    assert "no assessor holds a qualification this work needs" in page
    with scopes_disabled():
        assert not Allocation.objects.filter(entry=entry).exists()
        entry.refresh_from_db()
        assert entry.status == "waiting"
        # With a named qualified supervisor to sign it off, the same review may go to them.
        assistant.supervisor = cast.member("assessor_a").user
        assistant.save()
    assert _allocate(manager, entry, assistant.membership.user).status_code == 302
    with scopes_disabled():
        assert Allocation.objects.get(entry=entry, ended_at__isnull=True).assessor == assistant.membership.user


def test_allocating_to_a_providers_assessor_hands_the_case_to_its_contract(cast, sign_in, pool):
    entry = cast.casework[cast.person_a.pk]["entry"]
    provider = sign_in(cast.member("provider_assessor"))
    assert provider.get(f"/people/{cast.person_a.pk}/").status_code == 404
    _allocate(sign_in(cast.member("team_manager_a")), entry, cast.member("provider_assessor").user)
    with scopes_disabled():
        assert Handover.objects.filter(person=cast.person_a, ended_at__isnull=True).exists()
    opened = sign_in(cast.member("provider_assessor")).get(f"/people/{cast.person_a.pk}/")
    assert opened.status_code == 200
    assert cast.person_a.full_name in opened.content.decode()


def test_reallocating_ends_the_first_and_withdrawing_puts_it_back(cast, sign_in, pool):
    entry = cast.casework[cast.person_a.pk]["entry"]
    before = _waiting(cast.council_a)
    manager = sign_in(cast.member("team_manager_a"))
    _allocate(manager, entry, cast.member("assessor_a").user)
    _allocate(manager, entry, cast.member("provider_assessor").user, reason="Sam is off sick")
    with scopes_disabled():
        allocations = list(Allocation.objects.filter(entry=entry).order_by("pk"))
    assert [a.ended_at is None for a in allocations] == [False, True]
    assert "Sam is off sick" in allocations[0].end_reason
    page = manager.post(f"/allocation/entries/{entry.pk}/withdraw/", {"reason": ""}).content.decode()
    assert "Give the reason for withdrawing the allocation" in page
    manager.post(f"/allocation/entries/{entry.pk}/withdraw/", {"reason": "Needs a different assessor"})
    with scopes_disabled():
        entry.refresh_from_db()
        events = list(PathwayEvent.objects.filter(work_item_id=str(entry.pk)).values_list("event_type", flat=True))
    assert entry.status == "waiting"
    assert _waiting(cast.council_a) == before
    assert events[-1] == EventType.UNALLOCATED


def test_finishing_the_work_ends_the_allocation(cast, sign_in, pool):
    from assessflow.audit.actor import Actor
    from assessflow.waiting.services import leave_list

    entry = cast.casework[cast.person_a.pk]["entry"]
    _allocate(sign_in(cast.member("team_manager_a")), entry, cast.member("assessor_a").user)
    member = cast.member("assessor_a")
    with scopes_disabled():
        entry.refresh_from_db()
        leave_list(
            actor=Actor(user=member.user, membership=member), entry=entry, status="completed", reason_code="done"
        )
        allocation = Allocation.objects.get(entry=entry)
    assert allocation.ended_at is not None
    assert cast.person_a.full_name not in sign_in(member).get("/allocation/caseload/").content.decode()


def test_only_a_councils_manager_allocates(cast, sign_in, pool):
    entry = cast.casework[cast.person_a.pk]["entry"]
    for key in ("assessor_a", "provider_team_manager", "front_door_a"):
        assert _allocate(sign_in(cast.member(key)), entry, cast.member("assessor_a").user).status_code == 403


def test_a_conflict_of_interest_blocks_that_assessor(cast, sign_in, pool):
    entry = cast.casework[cast.person_a.pk]["entry"]
    manager = sign_in(cast.member("team_manager_a"))
    sam = cast.member("assessor_a").user
    page = manager.post(f"/allocation/entries/{entry.pk}/conflicts/", {"assessor": sam.pk}).content.decode()
    assert "Say what the conflict is" in page
    manager.post(f"/allocation/entries/{entry.pk}/conflicts/", {"assessor": sam.pk, "conflict_reason": "Her neighbour"})
    page = _allocate(manager, entry, sam).content.decode()
    assert "has a conflict of interest" in page
    with scopes_disabled():
        assert not Allocation.objects.filter(entry=entry).exists()


def test_the_council_sets_travel_times_between_areas(cast, sign_in, pool):
    from assessflow.allocation.models import Area, TravelTime

    admin = sign_in(cast.member("council_admin_a"))
    admin.post("/allocation/settings/", {"area": "1", "code": "lu2", "name": "Town"})
    with scopes_disabled():
        lu1, lu2 = Area.objects.get(code="LU1"), Area.objects.get(code="LU2")
    page = admin.post("/allocation/settings/", {"travel": "1", "from_area": lu1.pk, "to_area": lu1.pk, "minutes": "5"})
    assert "Choose two different areas" in page.content.decode()
    admin.post("/allocation/settings/", {"travel": "1", "from_area": lu1.pk, "to_area": lu2.pk, "minutes": "25"})
    with scopes_disabled():
        assert TravelTime.objects.get(from_area=lu1, to_area=lu2).minutes == 25


def test_dols_work_allocated_from_the_list_names_the_best_interests_assessor(cast, sign_in, pool):
    from assessflow.safeguarding.models import DolsApplication

    application = cast.casework[cast.person_a.pk]["dols"]
    entry = cast.casework[cast.person_a.pk]["entry"]
    with scopes_disabled():
        entry.work_type = "dols"
        entry.save()
        DolsApplication.objects.filter(pk=application.pk).update(status="waiting", waiting_entry=entry)
        pool["assessor_a"].skills = ["bia"]
        pool["assessor_a"].save()
    sam = cast.member("assessor_a")
    assert sign_in(sam).get(f"/safeguarding/dols/{application.pk}/").status_code == 403
    _allocate(sign_in(cast.member("team_manager_a")), entry, sam.user)
    opened = sign_in(sam).get(f"/safeguarding/dols/{application.pk}/")
    assert opened.status_code == 200
    assert application.reasons in opened.content.decode()


def test_a_contracts_scope_limits_the_work_its_assessors_take(cast, sign_in, pool):
    from assessflow.tenancy.models import Contract

    entry = cast.casework[cast.person_a.pk]["entry"]  # an annual review
    admin = sign_in(cast.member("council_admin_a"))
    with scopes_disabled():
        contract = Contract.objects.get(council=cast.council_a, provider=cast.provider)
    admin.post("/allocation/settings/", {"scope": "1", "contract": contract.pk, "work_types": ["needs_assessment"]})
    page = _allocate(sign_in(cast.member("team_manager_a")), entry, cast.member("provider_assessor").user)
    assert page.status_code == 400
    assert "it is outside the contract of the assessors who could take it" in page.content.decode()
    with scopes_disabled():
        assert not Allocation.objects.filter(entry=entry).exists()


def test_a_manager_may_allocate_by_hand_outside_an_assessors_areas(cast, sign_in, pool):
    from assessflow.allocation.models import Area

    entry = cast.casework[cast.person_a.pk]["entry"]
    with scopes_disabled():
        pool["assessor_a"].areas.set([Area.objects.create(council=cast.council_a, code="LU9")])
    assert _allocate(sign_in(cast.member("team_manager_a")), entry, cast.member("assessor_a").user).status_code == 302
    with scopes_disabled():
        assert Allocation.objects.filter(entry=entry, ended_at__isnull=True).exists()


def test_dols_work_about_someone_handed_to_a_provider_goes_to_the_councils_assessor_never_the_providers(
    cast, sign_in, pool
):
    entry = cast.casework[cast.person_a_handed.pk]["entry"]
    with scopes_disabled():
        entry.work_type = "dols"
        entry.save()
        for key in ("assessor_a", "provider_assessor"):
            pool[key].skills = ["bia"]
            pool[key].save()
        # Qualified as the council's own worker is, the provider's assessor is still not the supervisory body's.
        cast.member("provider_assessor").qualification = "social_worker"
        cast.member("provider_assessor").save()
    manager = sign_in(cast.member("team_manager_a"))
    refused = _allocate(manager, entry, cast.member("provider_assessor").user).content.decode()
    assert "outside the contract" in refused
    assert _allocate(manager, entry, cast.member("assessor_a").user).status_code == 302
    with scopes_disabled():
        allocation = Allocation.objects.get(entry=entry, ended_at__isnull=True)
    assert allocation.organisation == cast.council_a


def test_financial_assessment_never_goes_to_a_providers_trusted_assessor(cast, sign_in, pool):
    """Charging decisions are never delegated: a provider's trusted assessor may not take a financial assessment."""
    entry = cast.casework[cast.person_a_handed.pk]["entry"]
    with scopes_disabled():
        entry.work_type = "financial_assessment"
        entry.save()
        provider_assessor = cast.member("provider_assessor")
        provider_assessor.qualification = "trusted_assessor"
        provider_assessor.save()
    manager = sign_in(cast.member("team_manager_a"))
    refused = _allocate(manager, entry, provider_assessor.user)
    assert refused.status_code == 400
    assert "outside the contract" in refused.content.decode()
    with scopes_disabled():
        assert not Allocation.objects.filter(entry=entry).exists()
    assert _allocate(manager, entry, cast.member("assessor_a").user).status_code == 302
