"""A council sets its own timescales and keep-in-touch intervals; new entries follow them."""

from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.core.working_days import working_days_between
from assessflow.waiting.models import ContactInterval, Timescale


def test_an_administrator_sets_the_timescales_and_the_next_entry_follows_them(cast, sign_in):
    admin = sign_in(cast.member("council_admin_a"))
    form = admin.get(reverse("waiting:settings")).context["form"]
    data = {name: form.initial[name] for name in form.fields}
    data["timescale_needs_assessment_red"] = 3
    data["contact_red"] = 5
    assert admin.post(reverse("waiting:settings"), data).status_code == 302
    with scopes_disabled():
        assert (
            Timescale.objects.get(council=cast.council_a, work_type="needs_assessment", priority="red").working_days
            == 3
        )
        assert ContactInterval.objects.get(council=cast.council_a, priority="red").days == 5

    officer = sign_in(cast.member("front_door_a"))
    referral = cast.casework[cast.person_a.pk]["referral"]
    officer.post(
        reverse("waiting:screen", args=[referral.pk]),
        {
            "at_risk": "no",
            "lacks_capacity": "no",
            "decision": "waiting_list",
            "work_type": "needs_assessment",
            "priority": "red",
            "note": "Urgent",
        },
    )
    with scopes_disabled():
        entry = referral.waiting_list_entries.get()
    assert working_days_between(entry.added_at.date(), entry.due_on) == 3
    assert (entry.next_contact_on - entry.added_at.date()).days == 5


def test_a_bad_number_is_named(cast, sign_in):
    admin = sign_in(cast.member("council_admin_a"))
    form = admin.get(reverse("waiting:settings")).context["form"]
    data = {name: form.initial[name] for name in form.fields}
    data["timescale_dols_amber"] = 0
    page = admin.post(reverse("waiting:settings"), data).content.decode()
    assert "Deprivation of Liberty Safeguards, amber must be at least 1 day" in page
    with scopes_disabled():
        assert not Timescale.objects.filter(council=cast.council_a).exists()


def test_only_administrators_set_timescales(cast, sign_in):
    form = sign_in(cast.member("council_admin_a")).get(reverse("waiting:settings")).context["form"]
    data = {**{name: form.initial[name] for name in form.fields}, "timescale_needs_assessment_red": 3}
    manager = sign_in(cast.member("team_manager_a"))
    assert manager.get(reverse("waiting:settings")).status_code == 403
    assert manager.post(reverse("waiting:settings"), data).status_code == 403
    with scopes_disabled():
        assert not Timescale.objects.filter(
            council=cast.council_a, work_type="needs_assessment", priority="red", working_days=3
        ).exists()
