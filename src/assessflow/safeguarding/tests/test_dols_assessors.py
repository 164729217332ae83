"""DoLS records to trust: qualified assessors, an independent signatory, the BIA's recommendation and the
representative, screening by the tool's criteria, and a waiting-list entry due on the statutory deadline."""

import datetime
import uuid
from unittest import mock

from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.allocation.models import AssessorProfile
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.safeguarding.categories import Requirement
from assessflow.safeguarding.models import ApprovedDoctor, DolsApplication, SafeguardingSettings
from assessflow.safeguarding.returns import dols_return
from assessflow.tenancy.roles import Role
from assessflow.tests import factories
from assessflow.waiting.models import WaitingListEntry, WaitingTally

from .helpers import assess, dols_assessors, grant, name_assessors


def at(day: datetime.date):
    moment = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10, 30))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _request(client, person, **changes):
    data = {
        "managing_authority": "Elm Lodge Care Home",
        "setting": "care_home",
        "managing_authority_organisation": "",
        "reasons": "Locked doors, one-to-one at night, she asks to go home",
        "urgent": "no",
        "urgent_given_on_0": "",
        "urgent_given_on_1": "",
        "urgent_given_on_2": "",
        "urgent_days": "",
        "submission_id": str(uuid.uuid4()),
        **changes,
    }
    assert client.post(f"/safeguarding/people/{person.pk}/dols/new/", data).status_code == 302
    with scopes_disabled():
        return DolsApplication.objects.filter(person=person).latest("pk")


def _fresh(application):
    with scopes_disabled():
        return DolsApplication.objects.get(pk=application.pk)


def _screen(client, application, criteria=("objecting",)):
    return client.post(
        f"/safeguarding/dols/{application.pk}/screen/",
        {"criteria": list(criteria), "note": "", "team": "", "version": application.version},
    )


def _screened(cast, sign_in):
    office = sign_in(cast.member("dols_a"))
    application = _request(office, cast.person_a)
    _screen(office, application)
    return office, _fresh(application)


def test_the_best_interests_assessor_must_hold_the_qualification(cast, sign_in):
    office, application = _screened(cast, sign_in)
    bia, doctor = dols_assessors(cast)
    admin = cast.member("council_admin_a")
    page = name_assessors(office, application, admin, doctor).content.decode()
    assert f"Choose an approved best interests assessor: {admin.user.full_name} does not hold the qualification" in page
    assert 'href="#id_best_interests_assessor"' in page
    # A provider's assessor in the council's pool, even with the skill, is not the council's own BIA.
    provider = cast.member("provider_assessor")
    with scopes_disabled():
        AssessorProfile.objects.create(council=cast.council_a, membership=provider, skills=["bia"])
    assert name_assessors(office, application, provider, doctor).status_code == 400
    assert name_assessors(office, application, bia, doctor).status_code == 302
    application = _fresh(application)
    assert application.best_interests_assessor == bia.user
    assert application.mental_health_doctor == doctor
    assert application.mental_health_assessor is None  # an external doctor: no account here


def test_the_mental_health_assessor_is_a_doctor_approved_now_and_of_this_council(cast, sign_in):
    office, application = _screened(cast, sign_in)
    bia, doctor = dols_assessors(cast)
    front_door = cast.member("front_door_a")
    refused = office.post(
        f"/safeguarding/dols/{application.pk}/assessors/",
        {"best_interests_assessor": bia.user.pk, "mental_health_assessor": front_door.user.pk, "version": 1},
    )
    assert refused.status_code == 400
    _, other_councils = dols_assessors(cast, council=cast.council_b)
    assert name_assessors(office, application, bia, other_councils).status_code == 400
    with scopes_disabled():
        ApprovedDoctor.objects.filter(pk=doctor.pk).update(
            approval_ends_on=timezone.localdate() - datetime.timedelta(1)
        )
    page = office.get(f"/safeguarding/dols/{application.pk}/assessors/").content.decode()
    assert doctor.name not in page  # no longer offered
    assert _fresh(application).mental_health_doctor is None


def test_the_two_assessors_are_different_people(cast, sign_in):
    office, application = _screened(cast, sign_in)
    bia, doctor = dols_assessors(cast)
    with scopes_disabled():
        ApprovedDoctor.objects.filter(pk=doctor.pk).update(user=bia.user)  # a BIA who is also an approved doctor
    page = name_assessors(office, application, bia, doctor).content.decode()
    assert "The mental health assessor must not be the best interests assessor" in page
    assert 'href="#id_mental_health_assessor"' in page


def _all_six(client, application):
    for requirement in Requirement.values:
        assert assess(client, application, requirement).status_code == 302


def test_a_manager_who_recorded_the_assessments_cannot_sign_them(cast, sign_in):
    office, application = _screened(cast, sign_in)
    bia, doctor = dols_assessors(cast)
    name_assessors(office, application, bia, doctor)
    _all_six(office, _fresh(application))  # the DoLS team may enter them, but then is not independent
    application = _fresh(application)
    page = office.post(f"/safeguarding/dols/{application.pk}/decide/", grant(application)).content.decode()
    assert "the signatory must be independent of the assessments" in page
    assert _fresh(application).status == "waiting"
    with scopes_disabled():
        team = SafeguardingSettings.objects.get(council=cast.council_a).dols_teams.get()
        second = factories.MembershipFactory(organisation=cast.council_a, role=Role.TEAM_MANAGER, team=team)
    response = sign_in(second).post(f"/safeguarding/dols/{application.pk}/decide/", grant(application))
    assert response.status_code == 302
    application = _fresh(application)
    assert application.status == "granted"
    assert application.signatory == second.user


def test_the_best_interests_assessor_cannot_sign_their_own_request(cast, sign_in):
    office, application = _screened(cast, sign_in)
    with scopes_disabled():
        team = SafeguardingSettings.objects.get(council=cast.council_a).dols_teams.get()
    bia, doctor = dols_assessors(cast)
    bia.role, bia.team = Role.TEAM_MANAGER, team  # a DoLS team manager who is also a BIA
    bia.save()
    name_assessors(office, application, bia, doctor)
    client = sign_in(bia)
    _all_six(client, _fresh(application))
    application = _fresh(application)
    page = client.post(f"/safeguarding/dols/{application.pk}/decide/", grant(application)).content.decode()
    assert "You are the best interests assessor on this request" in page


def test_the_bias_recommended_period_caps_the_grant_and_a_representative_is_appointed(cast, sign_in):
    office, application = _screened(cast, sign_in)
    bia, doctor = dols_assessors(cast)
    name_assessors(office, application, bia, doctor)
    assessor = sign_in(bia)
    page = assess(assessor, _fresh(application), "best_interests", recommended_months="").content.decode()
    assert "Enter the longest period the assessor recommends, from 1 to 12 months" in page
    for requirement in Requirement.values:
        months = "3" if requirement == "best_interests" else ""
        assess(assessor, _fresh(application), requirement, recommended_months=months)
    application = _fresh(application)
    assert application.recommended_months == 3
    assert application.recommended_conditions == "A daily walk"
    signatory = sign_in(cast.member("dols_a"))
    decide = f"/safeguarding/dols/{application.pk}/decide/"
    assert "A daily walk" in signatory.get(decide).content.decode()  # the BIA's conditions, offered
    page = signatory.post(decide, grant(application, months="6")).content.decode()
    assert "The best interests assessor recommended at most 3 months" in page
    page = signatory.post(decide, grant(application, months="3", representative_name="")).content.decode()
    assert "Enter the name of the relevant person&#x27;s representative" in page
    assert signatory.post(decide, grant(application, months="3")).status_code == 302
    application = _fresh(application)
    assert application.status == "granted"
    assert application.representative_name == "June Parry"
    assert application.representative_kind == "family_or_friend"
    assert application.representative_appointed_on == timezone.localdate()
    page = signatory.get(f"/safeguarding/dols/{application.pk}/").content.decode()
    assert "June Parry (a family member or friend)" in page
    assert doctor.name in page  # the external doctor, named as the mental health assessment's assessor


def test_an_urgent_extension_records_its_reasons_and_moves_the_waiting_lists_due_date(cast, sign_in):
    office = sign_in(cast.member("dols_a"))
    today = timezone.localdate()
    application = _request(
        office,
        cast.person_a,
        urgent="yes",
        urgent_given_on_0=today.day,
        urgent_given_on_1=today.month,
        urgent_given_on_2=today.year,
        urgent_days="7",
    )
    _screen(office, application)
    application = _fresh(application)
    with scopes_disabled():
        entry = WaitingListEntry.objects.get(pk=application.waiting_entry_id)
    assert entry.due_on == today + datetime.timedelta(days=6)  # the end of the urgent authorisation
    url = f"/safeguarding/dols/{application.pk}/extend/"
    page = office.post(url, {"days": "7", "reasons": "", "version": application.version}).content.decode()
    assert "Give the reasons for the extension" in page
    reasons = "The mental health assessor could not visit before it ends; she still tries to leave"
    assert office.post(url, {"days": "7", "reasons": reasons, "version": application.version}).status_code == 302
    application = _fresh(application)
    assert application.extension_reasons == reasons
    with scopes_disabled():
        entry.refresh_from_db()
        tallies = dict(
            WaitingTally.objects.filter(council=cast.council_a, work_type="dols").values_list("due_on", "waiting")
        )
    assert entry.due_on == today + datetime.timedelta(days=13)
    assert tallies.get(entry.due_on) == 1 and not tallies.get(today + datetime.timedelta(days=6))
    assert reasons in office.get(f"/safeguarding/dols/{application.pk}/").content.decode()


def test_screening_chooses_the_tools_criteria_and_takes_the_highest_priority(cast, sign_in):
    office = sign_in(cast.member("dols_a"))
    application = _request(office, cast.person_a)
    page = office.get(f"/safeguarding/dols/{application.pk}/screen/").content.decode()
    assert "ADASS priority tool" in page
    assert "Select the screening criteria the request meets" in _screen(office, application, ()).content.decode()
    assert _screen(office, application, ("settled", "objecting")).status_code == 302
    application = _fresh(application)
    assert application.priority == "high"
    assert application.screening_criteria == ["objecting", "settled"]
    with scopes_disabled():
        assert WaitingListEntry.objects.get(pk=application.waiting_entry_id).priority == "red"
    shown = office.get(f"/safeguarding/dols/{application.pk}/").content.decode()
    assert "The person objects to being there or to their care" in shown


def test_the_waiting_list_entry_is_due_on_the_statutory_deadline(cast, sign_in):
    received = datetime.date(2026, 11, 17)
    with at(received):
        application = _request(sign_in(cast.member("dols_a")), cast.person_a)
    # Screened three days later (signed in afresh: the session would have idled out between the two days).
    with at(received + datetime.timedelta(days=3)):
        _screen(sign_in(cast.member("dols_a")), application, ("settled",))  # low priority: the timescale says later
    application = _fresh(application)
    with scopes_disabled():
        entry = WaitingListEntry.objects.get(pk=application.waiting_entry_id)
    assert entry.due_on == datetime.date(2026, 12, 7)  # received 17 November is day 1; day 21 is 7 December
    page = sign_in(cast.member("dols_a")).get(f"/waiting/entries/{entry.pk}/").content.decode()
    assert "7 December 2026" in page


def test_recording_the_assessments_moves_the_waiting_list_entry_on(cast, sign_in):
    office, application = _screened(cast, sign_in)
    bia, doctor = dols_assessors(cast)
    name_assessors(office, application, bia, doctor)
    assessor = sign_in(bia)
    assess(assessor, _fresh(application), "age")
    with scopes_disabled():
        entry = WaitingListEntry.objects.get(pk=application.waiting_entry_id)
        waiting = sum(
            WaitingTally.objects.filter(council=cast.council_a, work_type="dols").values_list("waiting", flat=True)
        )
        started = PathwayEvent.objects.filter(
            work_item_type="waiting.waitinglistentry",
            work_item_id=str(entry.pk),
            event_type=EventType.ASSESSMENT_STARTED,
        )
        assert started.count() == 1
    assert entry.status == "allocated"
    assert waiting == 0
    for requirement in Requirement.values:
        if requirement != "age":
            assess(assessor, _fresh(application), requirement)
    with scopes_disabled():
        entry.refresh_from_db()
    assert entry.status == "completed"
    assert _fresh(application).status == "waiting"  # assessed: the signatory decides next


def test_the_external_doctors_assessment_is_entered_by_the_bia_but_by_no_other_worker(cast, sign_in):
    office, application = _screened(cast, sign_in)
    bia, doctor = dols_assessors(cast)
    name_assessors(office, application, bia, doctor)
    form = sign_in(bia).get(f"/safeguarding/dols/{application.pk}/assessments/mental-health/").content.decode()
    assert 'name="assessed_by"' not in form, "only the mental health assessor makes it: nothing to choose"
    # Even a posted choice of the best interests assessor records it as the mental health assessor's.
    assert assess(sign_in(bia), _fresh(application), "mental_health", assessed_by="best_interests").status_code == 302
    with scopes_disabled():
        recorded = _fresh(application).assessments.get(requirement="mental_health")
    assert recorded.doctor == doctor and recorded.recorded_by == bia.user and recorded.assessor is None


def test_requests_ended_by_death_or_leaving_are_completed_and_not_granted(cast, sign_in):
    office = sign_in(cast.member("dols_a"))
    for person, reason in ((cast.person_a, "died"), (cast.person_a_handed, "left")):
        application = _request(office, person)
        _screen(office, application)
        application = _fresh(application)
        office.post(
            f"/safeguarding/dols/{application.pk}/close/",
            {"reason": reason, "note": "", "version": application.version},
        )
    today = timezone.localdate()
    year = today.year if today.month >= 4 else today.year - 1
    with scopes_disabled():
        figures = {label: value for table in dols_return(cast.council_a, year) for label, value in table.rows}
    assert figures["Applications completed"] == 2
    assert figures["Granted"] == 0
    assert figures["Not granted"] == 2
    assert figures["Not granted: the person died"] == 1
    assert figures["Not granted: change in circumstances"] == 1


def test_the_council_records_its_approved_doctors_and_sees_only_its_own(cast, sign_in):
    _, other_councils = dols_assessors(cast, council=cast.council_b)
    office = sign_in(cast.member("dols_a"))
    ends = timezone.localdate() + datetime.timedelta(days=300)
    data = {
        "name": "Dr Sam Rivers",
        "gmc_number": "12345",
        "approval": "s12",
        "approval_reference": "S12-4471",
        "organisation": "Eastfield Mental Health Trust",
        "approval_ends_on_0": ends.day,
        "approval_ends_on_1": ends.month,
        "approval_ends_on_2": ends.year,
        "user": "",
    }
    page = office.post("/safeguarding/dols/doctors/", data).content.decode()
    assert "Enter the 7-digit GMC number" in page
    assert office.post("/safeguarding/dols/doctors/", {**data, "gmc_number": "7654321"}).status_code == 302
    page = office.get("/safeguarding/dols/doctors/").content.decode()
    assert "Dr Sam Rivers" in page and "External" in page
    assert other_councils.name not in page
    assert sign_in(cast.member("front_door_a")).get("/safeguarding/dols/doctors/").status_code == 403
