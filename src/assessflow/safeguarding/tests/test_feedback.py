"""Raising, triaging and deciding on a concern, each step of a DoLS request and of an enquiry, and the settings are
each confirmed: in a success banner naming the record, or (for a concern raised) the acknowledgement page, which
offers the way back to the page the concern was raised from."""

import datetime
import uuid

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.safeguarding.models import Concern
from assessflow.tests.feedback import banner, banner_links

from .helpers import CONCERN, decision, dols_assessors, name_assessors, raise_concern
from .test_concerns import _triaged
from .test_dols import _latest, _request, _screened
from .test_enquiries import _conclusion, _edit, _enquiry
from .test_portal import _ask


def test_a_concern_raised_from_screening_offers_the_way_back_to_the_screening(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    referral = cast.casework[cast.person_a.pk]["referral"]
    screening = reverse("waiting:screen", args=[referral.pk])
    page = client.get(screening).content.decode()
    link = (
        f"/safeguarding/people/{cast.person_a.pk}/concerns/new/?origin=screening&amp;origin_id={referral.pk}"
        f"&amp;next={screening}"
    )
    assert link in page, "the screening page's link carries the way back"
    response = client.post(link.replace("&amp;", "&"), {**CONCERN, "submission_id": str(uuid.uuid4())})
    with scopes_disabled():
        concern = Concern.objects.get(person=cast.person_a, origin="screening")
    assert response["Location"] == f"{reverse('safeguarding:received', args=[concern.pk])}?next={screening}"
    received = client.get(response["Location"]).content.decode()
    assert "Safeguarding concern sent" in received, "the acknowledgement is the confirmation"
    assert f'<a class="govuk-link" href="{screening}">Back to screening referral {referral.reference}</a>' in received


def test_a_concern_raised_with_a_way_back_to_another_site_offers_only_the_person(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    url = f"/safeguarding/people/{cast.person_a.pk}/concerns/new/?next=//evil.example/"
    response = client.post(url, {**CONCERN, "submission_id": str(uuid.uuid4())})
    assert "evil.example" not in response["Location"]
    received = client.get(f"{response['Location']}?next=https://evil.example/").content.decode()
    assert "evil.example" not in received
    assert "Back to Alice Ashworth" in received


def test_triage_and_the_s42_decision_name_the_concern(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    raise_concern(client, cast.person_a)
    with scopes_disabled():
        concern = Concern.objects.filter(person=cast.person_a, status="received").latest("pk")
    team = sign_in(cast.member("safeguarding_a"))
    data = {"risk": "high", "note": "", "version": concern.version}
    page = team.post(f"/safeguarding/concerns/{concern.pk}/triage/", data, follow=True)
    assert banner(page) == f"Concern {concern.reference} triaged"

    concern.refresh_from_db()
    lead = cast.member("safeguarding_a").user.pk
    page = team.post(f"/safeguarding/concerns/{concern.pk}/decide/", decision(concern, lead=lead), follow=True)
    concern.refresh_from_db()
    assert banner(page) == (
        f"Section 42 decision recorded on {concern.reference}: enquiry {concern.enquiry.reference} opened"
    )


def test_a_decision_that_opens_no_enquiry_names_the_concern(cast, sign_in):
    team, concern = _triaged(cast, sign_in)
    team.get(f"/safeguarding/concerns/{concern.pk}/")  # where the triage's banner is read
    answers = {"abuse_or_risk": "no", "decision": "no_further_action", "decision_note": "Needs more care at home"}
    page = team.post(f"/safeguarding/concerns/{concern.pk}/decide/", decision(concern, **answers), follow=True)
    assert banner(page) == f"Section 42 decision recorded on {concern.reference}"


def test_breaking_the_glass_on_a_concern_says_it_is_open_until_sign_out(cast, sign_in):
    concern = cast.casework[cast.person_a.pk]["concern"]
    client = sign_in(cast.member("assessor_a"))
    data = {"reason": "Visiting today; she told me more"}
    page = client.post(f"/safeguarding/concerns/{concern.pk}/break-glass/", data, follow=True)
    assert banner(page) == f"{concern.reference} is open to you until you sign out"


def test_saving_the_settings_is_confirmed(cast, sign_in):
    from assessflow.tests import factories

    with scopes_disabled():
        team = factories.TeamFactory(organisation=cast.council_a, name="Adult Safeguarding Hub")
    data = {
        "safeguarding_teams": [team.pk],
        "triage_working_days": "1",
        "decision_working_days": "4",
        "renewal_reminder_days": "28",
    }
    page = sign_in(cast.member("council_admin_a")).post("/safeguarding/settings/", data, follow=True)
    assert banner(page) == "Safeguarding and DoLS settings saved"


def test_a_dols_request_recorded_from_the_person_page_offers_the_way_back(cast, sign_in):
    client = sign_in(cast.member("dols_a"))
    person = reverse("people:detail", args=[cast.person_a.pk])
    new = reverse("safeguarding:dols-new", args=[cast.person_a.pk])
    assert f'href="{new}?next={person}"' in client.get(person).content.decode()
    response = _request(client, cast.person_a, urgent="no", next=person)
    page = client.get(response["Location"])
    application = _latest(cast.person_a)
    assert banner(page) == f"DoLS request {application.reference} recorded. Back to Alice Ashworth's record"
    assert banner_links(page) == [person]


def test_a_dols_request_recorded_from_screening_offers_the_way_back_to_the_screening(cast, sign_in):
    referral = cast.casework[cast.person_a.pk]["referral"]
    screening = reverse("waiting:screen", args=[referral.pk])
    client = sign_in(cast.member("dols_a"))
    page = client.get(_request(client, cast.person_a, urgent="no", next=screening)["Location"])
    assert banner(page).endswith(f". Back to screening referral {referral.reference}")
    assert banner_links(page) == [screening]


def test_each_step_of_a_dols_request_names_it(cast, sign_in):
    client, application = _screened(cast, sign_in)
    assert banner(client.get(f"/safeguarding/dols/{application.pk}/")).endswith(
        f"DoLS request {application.reference} screened onto the DoLS waiting list"
    )
    data = {"reason": "died", "note": "Died in hospital", "version": application.version}
    page = client.post(f"/safeguarding/dols/{application.pk}/close/", data, follow=True)
    assert banner(page) == f"DoLS request {application.reference} closed"


def test_extending_an_urgent_authorisation_names_the_request(cast, sign_in):
    client = sign_in(cast.member("dols_a"))
    _request(client, cast.person_a)
    application = _latest(cast.person_a)
    client.get(f"/safeguarding/dols/{application.pk}/")  # where the request's own banner is read
    data = {"days": "7", "reasons": "Assessments booked next week", "version": application.version}
    page = client.post(f"/safeguarding/dols/{application.pk}/extend/", data, follow=True)
    assert banner(page) == f"Urgent authorisation extended on {application.reference}"


def test_adding_an_approved_doctor_names_them(cast, sign_in):
    ends = timezone.localdate() + datetime.timedelta(days=300)
    data = {
        "name": "Dr Sam Rivers",
        "gmc_number": "7654321",
        "approval": "s12",
        "approval_reference": "S12-4471",
        "organisation": "Eastfield Mental Health Trust",
        "approval_ends_on_0": ends.day,
        "approval_ends_on_1": ends.month,
        "approval_ends_on_2": ends.year,
        "user": "",
    }
    page = sign_in(cast.member("dols_a")).post("/safeguarding/dols/doctors/", data, follow=True)
    assert banner(page) == "Dr Sam Rivers added as an approved mental health assessor"


def test_changing_an_enquiry_names_it(cast, sign_in):
    enquiry = _enquiry(cast)
    client = sign_in(cast.member("safeguarding_a"))
    page = client.post(f"/safeguarding/enquiries/{enquiry.pk}/edit/", _edit(enquiry), follow=True)
    assert banner(page) == f"Enquiry {enquiry.reference} updated"


def test_adding_to_the_protection_plan_names_the_enquiry(cast, sign_in):
    enquiry = _enquiry(cast)
    due = timezone.localdate() + datetime.timedelta(days=7)
    data = {
        "action": "Ask the bank to change the mandate",
        "owner": cast.member("assessor_a").user.pk,
        "due_on_0": due.day,
        "due_on_1": due.month,
        "due_on_2": due.year,
        "submission_id": str(uuid.uuid4()),
    }
    client = sign_in(cast.member("safeguarding_a"))
    page = client.post(f"/safeguarding/enquiries/{enquiry.pk}/actions/new/", data, follow=True)
    assert banner(page) == f"Action added to the protection plan of enquiry {enquiry.reference}"


def test_concluding_an_enquiry_names_it(cast, sign_in):
    enquiry = _enquiry(cast)
    client = sign_in(cast.member("safeguarding_a"))
    page = client.post(f"/safeguarding/enquiries/{enquiry.pk}/conclude/", _conclusion(enquiry), follow=True)
    assert banner(page) == f"Enquiry {enquiry.reference} concluded"


def test_a_care_home_asking_for_an_authorisation_is_told_it_is_sent(cast, sign_in):
    home = sign_in(cast.member("referrer_a"))
    response = _ask(home, date_of_birth_0="1", date_of_birth_1="2", date_of_birth_2="1940")
    page = home.get(response["Location"])
    assert banner(page).startswith("Request for a DoLS authorisation sent to the council: DL-")


def test_a_strategy_discussion_names_the_enquiry(cast, sign_in):
    enquiry = _enquiry(cast)
    today = timezone.localdate()
    data = {
        "kind": "meeting",
        "held_on_0": today.day,
        "held_on_1": today.month,
        "held_on_2": today.year,
        "attendees": "Police, GP",
        "decisions": "Police to visit",
        "submission_id": str(uuid.uuid4()),
    }
    client = sign_in(cast.member("safeguarding_a"))
    page = client.post(f"/safeguarding/enquiries/{enquiry.pk}/strategy/", data, follow=True)
    assert banner(page) == f"Strategy discussion recorded on enquiry {enquiry.reference}"


def test_naming_the_assessors_names_the_request(cast, sign_in):
    client, application = _screened(cast, sign_in)
    client.get(f"/safeguarding/dols/{application.pk}/")  # where the earlier steps' banners are read
    bia, doctor = dols_assessors(cast)
    response = name_assessors(client, application, bia, doctor)
    assert banner(client.get(response["Location"])) == f"Assessors named on {application.reference}"
