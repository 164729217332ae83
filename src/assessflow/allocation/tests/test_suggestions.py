"""Suggestions worked out in the background, shown with their reasons, accepted in one transaction."""

import pytest
from django_scopes import scopes_disabled

from assessflow.allocation.models import Allocation, AllocationRun
from assessflow.tests import factories


@pytest.fixture
def run_for(cast, sign_in, django_capture_on_commit_callbacks):
    def start():
        return _run(cast, sign_in, django_capture_on_commit_callbacks)

    return start


def _run(cast, sign_in, capture):
    manager = sign_in(cast.member("team_manager_a"))
    with capture(execute=True):
        response = manager.post("/allocation/suggestions/", {"work_type": "", "team": ""})
    with scopes_disabled():
        run = AllocationRun.objects.latest("pk")
    assert response["Location"] == f"/allocation/suggestions/{run.pk}/"
    return manager, run


def test_a_manager_sees_suggestions_with_reasons_and_accepts_them(cast, sign_in, pool, run_for):
    with scopes_disabled():
        for priority in ("red", "green"):
            factories.WaitingListEntryFactory(person=factories.PersonFactory(council=cast.council_a), priority=priority)
    manager, run = run_for()
    assert run.status == "done"
    page = manager.get(f"/allocation/suggestions/{run.pk}/").content.decode()
    assert "Waiting" in page and "Score" in page
    assert manager.post(f"/allocation/suggestions/{run.pk}/accept-all/").status_code == 302
    with scopes_disabled():
        run.refresh_from_db()
        allocated = Allocation.objects.filter(run=run).count()
    assert run.status == "accepted"
    assert allocated == len(run.suggestions) > 0
    team = manager.get("/allocation/team/").content.decode()
    assert cast.member("assessor_a").user.full_name in team


def test_an_unqualified_worker_is_never_suggested_for_qualified_work(cast, sign_in, pool, run_for):
    with scopes_disabled():
        for _ in range(6):
            factories.WaitingListEntryFactory(
                person=factories.PersonFactory(council=cast.council_a), work_type="needs_assessment", priority="red"
            )
    _, run = run_for()
    assistant = pool["assistant"].membership.user_id
    with scopes_disabled():
        work = dict(
            factories.WaitingListEntryFactory._meta.model.objects.filter(
                pk__in=[s["entry"] for s in run.suggestions]
            ).values_list("pk", "work_type")
        )
    assert all(
        work[s["entry"]] in ("annual_review", "six_week_review") for s in run.suggestions if s["assessor"] == assistant
    )


def test_accepting_twice_allocates_once(cast, sign_in, pool, run_for):
    manager, run = run_for()
    manager.post(f"/allocation/suggestions/{run.pk}/accept-all/")
    again = manager.post(f"/allocation/suggestions/{run.pk}/accept/", {"entry": [run.suggestions[0]["entry"]]})
    assert again.status_code == 400
    assert "already accepted" in again.content.decode()
    with scopes_disabled():
        assert Allocation.objects.filter(run=run).count() == len(run.suggestions)


def test_accepting_only_the_ticked_suggestions(cast, sign_in, pool, run_for):
    manager, run = run_for()
    first = run.suggestions[0]["entry"]
    manager.post(f"/allocation/suggestions/{run.pk}/accept/", {"entry": [first]})
    with scopes_disabled():
        assert list(Allocation.objects.filter(run=run).values_list("entry_id", flat=True)) == [first]


def test_the_pool_profile_names_its_errors(cast, sign_in, pool):
    admin = sign_in(cast.member("council_admin_a"))
    membership = cast.member("assessor_a")
    page = admin.post(
        f"/allocation/pool/{membership.pk}/",
        {"weekly_slots": "4", "working_days": [], "base_area": pool["assessor_a"].base_area_id},
    ).content.decode()
    assert "Select the days they work" in page
    assert "Include their base in the areas they cover" in page


def test_accepting_checks_capacity_again_when_another_run_was_accepted_first(cast, sign_in, pool, run_for):
    with scopes_disabled():
        for _ in range(8):
            factories.WaitingListEntryFactory(person=factories.PersonFactory(council=cast.council_a), priority="red")
    manager, first = run_for()
    _, second = run_for()  # worked out from the same free slots
    manager.post(f"/allocation/suggestions/{first.pk}/accept-all/")
    page = manager.post(f"/allocation/suggestions/{second.pk}/accept-all/")
    assert page.status_code == 400
    assert "ask for new suggestions" in page.content.decode()
    with scopes_disabled():
        assert not Allocation.objects.filter(run=second).exists()


def test_the_caseload_pages_cost_the_same_however_many_assessors(cast, sign_in, pool):
    from assessflow.allocation.models import AssessorProfile
    from assessflow.people.tests.test_query_counts import queries_for
    from assessflow.tenancy.roles import Role

    manager = sign_in(cast.member("team_manager_a"))
    few = [queries_for(manager, url) for url in ("/allocation/team/", "/allocation/pool/")]
    with scopes_disabled():
        for _ in range(6):
            membership = factories.MembershipFactory(
                organisation=cast.council_a, role=Role.ASSESSOR, qualification="social_worker"
            )
            AssessorProfile.objects.create(council=cast.council_a, membership=membership)
    assert [queries_for(manager, url) for url in ("/allocation/team/", "/allocation/pool/")] == few


def test_many_suggestions_are_accepted_in_the_background_in_one_go(
    cast, sign_in, pool, run_for, monkeypatch, django_capture_on_commit_callbacks
):
    from assessflow.allocation import services

    monkeypatch.setattr(services, "ACCEPT_IN_BACKGROUND", 1)
    manager, run = run_for()
    assert len(run.suggestions) > 1
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(f"/allocation/suggestions/{run.pk}/accept-all/")
    assert response["Location"] == f"/allocation/suggestions/{run.pk}/"
    with scopes_disabled():
        run.refresh_from_db()
        assert Allocation.objects.filter(run=run).count() == len(run.suggestions)
    assert run.status == "accepted"
