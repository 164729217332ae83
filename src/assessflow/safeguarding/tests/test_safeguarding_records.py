"""Safeguarding records to trust: the s.42 test as reasonable cause to suspect, no close while an advocate is needed
and missing, the collection's capacity and Making Safeguarding Personal rows, and triage notices that end."""

from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.safeguarding.models import Concern, Enquiry, SafeguardingSettings
from assessflow.safeguarding.returns import safeguarding_return
from assessflow.tenancy.models import Notification
from assessflow.tenancy.roles import Role
from assessflow.tests import factories

from .helpers import raise_concern


def _enquiry(cast):
    return cast.casework[cast.person_a.pk]["enquiry"]


def _edit(enquiry, **changes):
    return {
        "version": enquiry.version,
        "caused_partner": "",
        "outcomes_asked": "yes",
        "outcomes_asked_of": "adult",
        "outcomes_expressed": "no",
        "desired_outcomes": "",
        "capacity": "lacks",
        "capacity_decisions": "Who manages her money",
        "substantial_difficulty": "yes",
        "appropriate_person": "no",
        "advocate": "",
        **changes,
    }


def _conclusion(enquiry, **changes):
    return {
        "version": enquiry.version,
        "risk_types": ["financial"],
        "risk_location": "own_home",
        "risk_source": "known",
        "action_taken": "risk_action",
        "risk_result": "reduced",
        "outcomes_asked": "yes",
        "outcomes_asked_of": "adult",
        "outcomes_expressed": "no",
        "desired_outcomes": "",
        "outcomes_achieved": "",
        "no_advocate_reason": "",
        "conclusion": "Bank mandate changed; son moved out",
        **changes,
    }


def _current_year() -> int:
    today = timezone.localdate()
    return today.year if today.month >= 4 else today.year - 1


def test_each_part_of_s42_asks_whether_the_council_has_reasonable_cause_to_suspect_it(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    raise_concern(client, cast.person_a)
    with scopes_disabled():
        concern = Concern.objects.filter(person=cast.person_a, status="received").latest("pk")
    team = sign_in(cast.member("safeguarding_a"))
    team.post(f"/safeguarding/concerns/{concern.pk}/triage/", {"risk": "medium", "note": "", "version": 1})
    page = team.get(f"/safeguarding/concerns/{concern.pk}/decide/").content.decode()
    assert "Is there reasonable cause to suspect that the adult has needs for care and support?" in page
    assert (
        "Is there reasonable cause to suspect that the adult is experiencing, or is at risk of, abuse or neglect?"
        in page
    )
    assert "Is there reasonable cause to suspect that, as a result of those needs, the adult is unable" in page
    assert "Is the adult experiencing" not in page
    refused = team.post(f"/safeguarding/concerns/{concern.pk}/decide/", {"version": 2, "decision": "s42"})
    assert (
        "Answer whether there is reasonable cause to suspect that the adult has needs for care and support"
        in refused.content.decode()
    )


def test_an_enquiry_that_needs_an_advocate_concludes_only_with_one_or_the_reason_there_is_none(cast, sign_in):
    enquiry = _enquiry(cast)
    client = sign_in(cast.member("safeguarding_a"))
    assert client.post(f"/safeguarding/enquiries/{enquiry.pk}/edit/", _edit(enquiry)).status_code == 302
    with scopes_disabled():
        enquiry.refresh_from_db()
    assert enquiry.advocate_needed
    url = f"/safeguarding/enquiries/{enquiry.pk}/conclude/"
    refused = client.post(url, _conclusion(enquiry))
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "An independent advocate is needed (s.68) and none is appointed" in page
    assert 'href="#id_no_advocate_reason"' in page  # named on its field in the error summary
    with scopes_disabled():
        enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.OPEN
    reason = "She refused an advocate and asked her sister to support her instead"
    assert client.post(url, _conclusion(enquiry, no_advocate_reason=reason)).status_code == 302
    with scopes_disabled():
        enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CONCLUDED
    assert enquiry.no_advocate_reason == reason
    assert f"None appointed: {reason}" in client.get(f"/safeguarding/enquiries/{enquiry.pk}/").content.decode()


def test_the_return_counts_capacity_advocacy_and_dont_know_apart_from_not_recorded(cast, sign_in):
    client = sign_in(cast.member("safeguarding_a"))
    enquiry = _enquiry(cast)
    client.post(f"/safeguarding/enquiries/{enquiry.pk}/edit/", _edit(enquiry, advocate="Pat Lee, Advocacy Hub"))
    with scopes_disabled():
        enquiry.refresh_from_db()
    # An advocate is appointed, so it concludes with no reason given for there being none.
    response = client.post(
        f"/safeguarding/enquiries/{enquiry.pk}/conclude/", _conclusion(enquiry, outcomes_asked="dont_know")
    )
    assert response.status_code == 302
    # A second enquiry, concluded in the same council: asked, but no outcomes expressed; family supports her.
    with scopes_disabled():
        other = factories.EnquiryFactory(concern__person=cast.person_a_handed)
    client.post(
        f"/safeguarding/enquiries/{other.pk}/edit/",
        _edit(other, substantial_difficulty="yes", appropriate_person="yes"),
    )
    with scopes_disabled():
        other.refresh_from_db()
    assert client.post(f"/safeguarding/enquiries/{other.pk}/conclude/", _conclusion(other)).status_code == 302
    with scopes_disabled():
        enquiry.refresh_from_db()
        figures = {(t.title, k): v for t in safeguarding_return(cast.council_a, _current_year()) for k, v in t.rows}
    assert enquiry.outcomes_asked is None and enquiry.outcomes_asked_not_known
    msp = "Making Safeguarding Personal (concluded s.42 enquiries)"
    assert figures[(msp, "Don't know")] == 1
    assert figures[(msp, "Not recorded")] == 0
    assert figures[(msp, "Asked, but no outcomes expressed")] == 1
    capacity = "Capacity and advocacy (concluded s.42 enquiries)"
    assert figures[(capacity, "Lacked capacity")] == 2
    assert figures[(capacity, "Lacked capacity: supported by an advocate, family or friend")] == 2
    assert figures[(capacity, "Lacked capacity: supported by an advocate")] == 1
    assert figures[(capacity, "Lacked capacity: supported by family or a friend")] == 1
    page = sign_in(cast.member("performance_lead_a")).get("/safeguarding/returns/").content.decode()
    assert "Capacity and advocacy (concluded s.42 enquiries)" in page
    assert "Asked, but no outcomes expressed" in page


def _safeguarding_manager(council):
    with scopes_disabled():
        team = SafeguardingSettings.objects.get(council=council).safeguarding_teams.get()
        return factories.MembershipFactory(organisation=council, role=Role.TEAM_MANAGER, team=team)


def test_triage_marks_the_managers_notice_done_and_leaves_other_concerns_notices(cast, sign_in):
    manager = _safeguarding_manager(cast.council_a)
    # Two high-risk concerns: one raised by the council's front door, one by the provider working a case.
    raise_concern(sign_in(cast.member("front_door_a")), cast.person_a, immediate_risk="high")
    raise_concern(sign_in(cast.member("provider_assessor")), cast.person_a_handed, immediate_risk="high")
    with scopes_disabled():
        first = Concern.objects.get(person=cast.person_a, status="received")
        second = Concern.objects.get(person=cast.person_a_handed, status="received")
    home = sign_in(manager).get("/").content.decode()
    assert f"{first.reference} is waiting for triage" in home
    assert f"{second.reference} is waiting for triage" in home
    team = sign_in(cast.member("safeguarding_a"))
    team.post(f"/safeguarding/concerns/{first.pk}/triage/", {"risk": "high", "note": "", "version": first.version})
    home = sign_in(manager).get("/").content.decode()
    assert f"{first.reference} is waiting for triage" not in home
    assert f"{first.reference} was triaged on {timezone.localdate():%-d %B %Y}" in home
    assert f"{second.reference} is waiting for triage" in home
    with scopes_disabled():
        notice = Notification.objects.get(user=manager.user, url=f"/safeguarding/concerns/{first.pk}/")
    assert notice.read_at is not None
    assert notice.message.endswith(": done")
