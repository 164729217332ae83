"""The pool's profiles, absences and the council's areas and travel times: each change is kept in the access log."""

from django_scopes import scopes_disabled

from assessflow.allocation.models import Absence, Area, TravelTime
from assessflow.audit.models import AccessEvent
from assessflow.tests import factories


def _away(start: str, end: str, reason: str = "") -> dict:
    """The absence form's date fields as a browser posts them: day, month and year apart."""
    (sd, sm, sy), (ed, em, ey) = start.split("/"), end.split("/")
    dates = {"starts_on_0": sd, "starts_on_1": sm, "starts_on_2": sy, "ends_on_0": ed, "ends_on_1": em, "ends_on_2": ey}
    return {**dates, "reason": reason}


def _changes(action: str):
    with scopes_disabled():
        return list(AccessEvent.objects.filter(kind=AccessEvent.Kind.CHANGE, action=action))


def test_recording_an_absence_keeps_who_recorded_it(cast, sign_in, pool):
    profile = pool["assessor_a"]
    manager = sign_in(cast.member("team_manager_a"))
    response = manager.post(
        f"/allocation/pool/{profile.membership_id}/absences/",
        _away("21/12/2026", "24/12/2026", "Annual leave"),
    )
    assert response.status_code == 302
    with scopes_disabled():
        absence = Absence.objects.get(profile=profile)
    assert (str(absence.starts_on), str(absence.ends_on), absence.reason) == (
        "2026-12-21",
        "2026-12-24",
        "Annual leave",
    )
    [entry] = _changes("allocation.absence_added")
    assert entry.actor == cast.member("team_manager_a").user
    assert entry.council_id == cast.council_a.pk
    assert (entry.object_type, entry.object_id) == ("allocation.absence", str(absence.pk))
    assert entry.fields == ["ends_on", "reason", "starts_on"]
    page = manager.get(f"/allocation/pool/{profile.membership_id}/").content.decode()
    assert "Annual leave" in page


def test_an_absence_needs_a_saved_profile_and_writes_nothing_without_one(cast, sign_in, pool):
    newcomer = factories.MembershipFactory(organisation=cast.council_a, role="assessor", qualification="social_worker")
    manager = sign_in(cast.member("team_manager_a"))
    response = manager.post(f"/allocation/pool/{newcomer.pk}/absences/", _away("21/12/2026", "24/12/2026"))
    assert response.status_code == 400
    with scopes_disabled():
        assert not Absence.objects.filter(profile__membership=newcomer).exists()
    assert _changes("allocation.absence_added") == []


def test_an_absence_ending_before_it_starts_is_refused(cast, sign_in, pool):
    profile = pool["assessor_a"]
    manager = sign_in(cast.member("team_manager_a"))
    response = manager.post(f"/allocation/pool/{profile.membership_id}/absences/", _away("24/12/2026", "21/12/2026"))
    assert response.status_code == 400
    assert "The last day away must be on or after the first" in response.content.decode()
    assert _changes("allocation.absence_added") == []


def test_areas_and_travel_times_are_logged_and_an_area_is_listed_once(cast, sign_in, pool):
    admin = sign_in(cast.member("council_admin_a"))
    assert admin.post("/allocation/settings/", {"area": "1", "code": "lu2", "name": "Town"}).status_code == 302
    again = admin.post("/allocation/settings/", {"area": "1", "code": "LU2", "name": "Again"})
    assert again.status_code == 400
    assert "That area is already listed" in again.content.decode()
    with scopes_disabled():
        lu1, lu2 = Area.objects.get(code="LU1"), Area.objects.get(code="LU2")
    admin.post("/allocation/settings/", {"travel": "1", "from_area": lu1.pk, "to_area": lu2.pk, "minutes": "25"})
    with scopes_disabled():
        travel = TravelTime.objects.get(from_area=lu1, to_area=lu2)
    logged = {(e.object_type, e.object_id) for e in _changes("allocation.settings_saved")}
    assert ("allocation.area", str(lu2.pk)) in logged
    assert ("allocation.traveltime", str(travel.pk)) in logged
