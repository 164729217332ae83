"""Allocating, withdrawing, conflicts, the pool and the council's settings are each confirmed in a success banner
naming the person, the assessor or the setting; an allocation begun on the waiting-list entry offers the way back."""

from django.urls import reverse

from assessflow.tests.feedback import banner, banner_links


def _allocate(client, url, entry, assessor, **extra):
    return client.post(url, {"assessor": assessor.pk, "reason": "Knows the family", **extra}, follow=True)


def test_allocating_from_the_waiting_list_entry_offers_the_way_back_to_it(cast, sign_in, pool):
    entry = cast.casework[cast.person_a.pk]["entry"]
    manager = sign_in(cast.member("team_manager_a"))
    entry_page = reverse("waiting:entry", args=[entry.pk])
    allocate = reverse("allocation:allocate", args=[entry.pk])
    assert f'href="{allocate}?next={entry_page}"' in manager.get(entry_page).content.decode()
    form = manager.get(f"{allocate}?next={entry_page}").content.decode()
    assert f'<input type="hidden" name="next" value="{entry_page}">' in form, "the form carries the way back"
    assessor = cast.member("assessor_a").user
    page = _allocate(manager, allocate, entry, assessor, next=entry_page)
    work = entry.get_work_type_display().lower()
    assert banner(page) == (
        f"Alice Ashworth's {work} allocated to {assessor.full_name}. Back to the waiting list entry"
    )
    assert banner_links(page) == [entry_page]


def test_a_way_back_to_another_site_is_not_offered(cast, sign_in, pool):
    entry = cast.casework[cast.person_a.pk]["entry"]
    manager = sign_in(cast.member("team_manager_a"))
    allocate = reverse("allocation:allocate", args=[entry.pk])
    page = _allocate(manager, allocate, entry, cast.member("assessor_a").user, next="https://evil.example/")
    assert banner_links(page) == []
    assert "evil.example" not in page.content.decode()


def test_withdrawing_and_recording_a_conflict_are_confirmed(cast, sign_in, pool):
    entry = cast.casework[cast.person_a.pk]["entry"]
    manager = sign_in(cast.member("team_manager_a"))
    allocate = reverse("allocation:allocate", args=[entry.pk])
    _allocate(manager, allocate, entry, cast.member("assessor_a").user)
    page = manager.post(f"/allocation/entries/{entry.pk}/withdraw/", {"reason": "Needs someone else"}, follow=True)
    work = entry.get_work_type_display().lower()
    assert banner(page) == f"Allocation withdrawn: Alice Ashworth's {work} is back on the waiting list"
    other = cast.member("provider_assessor").user
    data = {"assessor": other.pk, "conflict_reason": "Her neighbour"}
    page = manager.post(f"/allocation/entries/{entry.pk}/conflicts/", data, follow=True)
    assert banner(page) == f"Conflict of interest recorded: {other.full_name} will not be given Alice Ashworth's case"


def test_a_refused_allocation_confirms_nothing(cast, sign_in, pool):
    entry = cast.casework[cast.person_a.pk]["entry"]
    manager = sign_in(cast.member("team_manager_a"))
    page = manager.post(reverse("allocation:allocate", args=[entry.pk]), {"assessor": "", "reason": ""}, follow=True)
    assert page.status_code == 400
    assert banner(page) == ""


def test_a_profile_and_an_absence_are_confirmed_with_the_assessors_name(cast, sign_in, pool):
    membership = cast.member("assessor_a")
    manager = sign_in(cast.member("team_manager_a"))
    url = f"/allocation/pool/{membership.pk}/"
    form = manager.get(url).context["form"]
    data = {field.html_name: field.value() for field in form if field.value() is not None}
    page = manager.post(url, data, follow=True)
    assert banner(page) == f"{membership.user.full_name}'s assessor profile saved"
    away = {
        "starts_on_0": "21",
        "starts_on_1": "12",
        "starts_on_2": "2026",
        "ends_on_0": "24",
        "ends_on_1": "12",
        "ends_on_2": "2026",
        "reason": "Annual leave",
    }
    page = manager.post(f"/allocation/pool/{membership.pk}/absences/", away, follow=True)
    assert banner(page) == f"Absence added for {membership.user.full_name}"


def test_asking_for_suggestions_says_the_page_shows_them_when_ready(
    cast, sign_in, pool, django_capture_on_commit_callbacks
):
    manager = sign_in(cast.member("team_manager_a"))
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post("/allocation/suggestions/", {"work_type": "", "team": ""})
    page = manager.get(response["Location"])
    assert banner(page) == "Working out suggestions: this page shows them when they are ready"


def test_the_councils_allocation_settings_are_each_confirmed(cast, sign_in, pool):
    from django_scopes import scopes_disabled

    from assessflow.allocation.models import Area
    from assessflow.tenancy.models import Contract

    admin = sign_in(cast.member("council_admin_a"))
    page = admin.post("/allocation/settings/", {"area": "1", "code": "lu2", "name": "Town"}, follow=True)
    assert banner(page) == "Area LU2 added"
    with scopes_disabled():
        lu1, lu2 = Area.objects.get(code="LU1"), Area.objects.get(code="LU2")
    data = {"travel": "1", "from_area": lu1.pk, "to_area": lu2.pk, "minutes": "25"}
    page = admin.post("/allocation/settings/", data, follow=True)
    assert banner(page) == "Travel time from LU1 to LU2 Town saved"
    with scopes_disabled():
        contract = Contract.objects.get(council=cast.council_a, provider=cast.provider)
    data = {"scope": "1", "contract": contract.pk, "work_types": ["needs_assessment"]}
    page = admin.post("/allocation/settings/", data, follow=True)
    assert banner(page) == "Work that may be suggested for Provider P's contract saved"
    form = admin.get("/allocation/settings/").context["form"]
    data = {field.html_name: field.value() for field in form if field.value() is not None}
    page = admin.post("/allocation/settings/", {**data, "weights": "1"}, follow=True)
    assert banner(page) == "How suggestions are weighed saved"
