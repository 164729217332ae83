"""A DoLS request from receipt to decision, expiry reminders and closure, through the pages the DoLS team uses."""

import datetime
import uuid

from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.safeguarding.categories import Requirement
from assessflow.safeguarding.models import DolsApplication
from assessflow.safeguarding.services.reminders import send_renewal_reminders
from assessflow.tenancy.models import Notification
from assessflow.waiting.models import WaitingListEntry, WaitingTally

from .helpers import assess, dols_assessors, grant, name_assessors


def _request(client, person, **changes):
    today = timezone.localdate()
    data = {
        "managing_authority": "Elm Lodge Care Home",
        "setting": "care_home",
        "managing_authority_organisation": "",
        "reasons": "Locked doors, one-to-one at night, she asks to go home",
        "urgent": "yes",
        "urgent_given_on_0": today.day,
        "urgent_given_on_1": today.month,
        "urgent_given_on_2": today.year,
        "urgent_days": "7",
        "submission_id": str(uuid.uuid4()),
        **changes,
    }
    return client.post(f"/safeguarding/people/{person.pk}/dols/new/", data)


def _latest(person):
    with scopes_disabled():
        return DolsApplication.objects.filter(person=person).latest("pk")


def test_a_request_with_an_urgent_authorisation_is_due_when_the_urgent_one_ends(cast, sign_in):
    client = sign_in(cast.member("dols_a"))
    assert _request(client, cast.person_a).status_code == 302
    application = _latest(cast.person_a)
    today = timezone.localdate()
    assert application.received_on == today
    page = client.get(f"/safeguarding/dols/{application.pk}/").content.decode()
    assert f"The end of {(today + datetime.timedelta(days=6)):%-d %B %Y}" in page


def test_an_urgent_authorisation_over_seven_days_is_refused_with_a_clear_message(cast, sign_in):
    client = sign_in(cast.member("dols_a"))
    page = _request(client, cast.person_a, urgent_days="9").content.decode()
    assert "An urgent authorisation lasts from 1 to 7 days" in page


def test_an_urgent_authorisation_is_extended_once_only(cast, sign_in):
    client = sign_in(cast.member("dols_a"))
    _request(client, cast.person_a)
    application = _latest(cast.person_a)
    url = f"/safeguarding/dols/{application.pk}/extend/"
    reasons = "The best interests assessor is off sick; she still asks to go home"
    page = client.post(url, {"days": "8", "reasons": reasons, "version": application.version}).content.decode()
    assert "from 1 to 7 days" in page
    assert client.post(url, {"days": "7", "reasons": reasons, "version": application.version}).status_code == 302
    application = _latest(cast.person_a)
    assert application.extension_days == 7
    assert application.extension_reasons == reasons
    page = client.post(url, {"days": "2", "reasons": reasons, "version": application.version}).content.decode()
    assert "can be extended only once" in page


def test_breached_requests_are_flagged_and_counted(cast, sign_in):
    client = sign_in(cast.member("dols_a"))
    _request(client, cast.person_a, urgent="no")
    with scopes_disabled():  # a request received 22 days ago, its decision still to come
        DolsApplication.objects.filter(pk=_latest(cast.person_a).pk).update(
            received_on=timezone.localdate() - datetime.timedelta(days=21)
        )
    page = client.get("/safeguarding/dols/").content.decode()
    assert "Breached" in page
    assert '<strong class="govuk-!-font-size-36">1</strong> past the deadline' in page


def _screened(cast, sign_in):
    client = sign_in(cast.member("dols_a"))
    _request(client, cast.person_a, urgent="no")
    application = _latest(cast.person_a)
    client.post(
        f"/safeguarding/dols/{application.pk}/screen/",
        {"criteria": ["objecting"], "note": "", "team": "", "version": application.version},
    )
    return client, _latest(cast.person_a)


def test_screening_puts_the_request_on_the_dols_waiting_list(cast, sign_in):
    _, application = _screened(cast, sign_in)
    assert application.status == "waiting"
    with scopes_disabled():
        entry = WaitingListEntry.objects.get(pk=application.waiting_entry_id)
    assert entry.work_type == "dols"
    assert entry.priority == "red"


def test_authorising_needs_all_six_requirements_met_and_lasts_at_most_twelve_months(cast, sign_in):
    client, application = _screened(cast, sign_in)
    bia, doctor = dols_assessors(cast)
    name_assessors(client, application, bia, doctor)
    application = _latest(cast.person_a)
    decide = f"/safeguarding/dols/{application.pk}/decide/"
    assert "Record every assessment before authorising" in client.post(decide, grant(application)).content.decode()
    assessor = sign_in(bia)
    for requirement in Requirement.values:
        assert assess(assessor, application, requirement, recommended_months="12").status_code == 302
    signatory = sign_in(cast.member("dols_a"))
    application = _latest(cast.person_a)
    page = signatory.post(decide, grant(application, months="13")).content.decode()
    assert "An authorisation lasts at most 12 months" in page
    assert signatory.post(decide, grant(application)).status_code == 302
    application = _latest(cast.person_a)
    today = timezone.localdate()
    assert application.status == "granted"
    assert application.starts_on == today
    assert application.ends_on < today + datetime.timedelta(days=186)
    with scopes_disabled():
        entry = WaitingListEntry.objects.get(pk=application.waiting_entry_id)
        waiting = sum(
            WaitingTally.objects.filter(council=cast.council_a, work_type="dols").values_list("waiting", flat=True)
        )
    assert entry.status == "completed"
    assert waiting == 0


def test_only_a_signatory_decides(cast, sign_in):
    _, application = _screened(cast, sign_in)
    with scopes_disabled():
        from assessflow.safeguarding.models import SafeguardingSettings

        team = SafeguardingSettings.objects.get(council=cast.council_a).dols_teams.get()
    worker = cast.member("assessor_a")
    worker.team = team
    worker.save()
    client = sign_in(worker)
    opened = client.get(f"/safeguarding/dols/{application.pk}/")
    assert opened.status_code == 200
    assert application.reference in opened.content.decode()
    assert client.get(f"/safeguarding/dols/{application.pk}/decide/").status_code == 403


def test_a_request_is_closed_with_its_reason_and_leaves_the_waiting_list(cast, sign_in):
    client, application = _screened(cast, sign_in)
    client.post(
        f"/safeguarding/dols/{application.pk}/close/",
        {"reason": "died", "note": "Died in hospital", "version": application.version},
    )
    application = _latest(cast.person_a)
    assert application.status == "closed"
    assert application.close_reason == "died"
    with scopes_disabled():
        assert WaitingListEntry.objects.get(pk=application.waiting_entry_id).status == "removed"


def test_the_managing_authority_is_reminded_once_before_an_authorisation_ends(cast):
    with scopes_disabled():
        application = cast.casework[cast.person_a.pk]["dols"]
        referrer = cast.member("referrer_a")
        today = timezone.localdate()
        DolsApplication.objects.filter(pk=application.pk).update(
            status="granted",
            starts_on=today - datetime.timedelta(days=300),
            ends_on=today + datetime.timedelta(days=20),
            managing_authority_organisation=cast.referrer_org_a,
        )
        assert send_renewal_reminders(council=cast.council_a, today=today) == 1
        assert send_renewal_reminders(council=cast.council_a, today=today) == 0
        reminder = Notification.objects.get(user=referrer.user)
    assert application.reference in reminder.message
    assert reminder.url == ""


def test_the_daily_command_reminds_for_every_council(cast):
    import io

    from django.core.management import call_command

    today = timezone.localdate()
    with scopes_disabled():
        for person in (cast.person_a, cast.person_b):
            DolsApplication.objects.filter(pk=cast.casework[person.pk]["dols"].pk).update(
                status="granted", starts_on=today, ends_on=today + datetime.timedelta(days=10)
            )
    out = io.StringIO()
    call_command("send_dols_reminders", stdout=out)
    assert out.getvalue().strip() == "2 DoLS renewal reminders sent."


def test_only_the_named_assessor_or_the_dols_team_records_an_assessment(cast, sign_in):
    client, application = _screened(cast, sign_in)
    bia, doctor = dols_assessors(cast)
    name_assessors(client, application, bia, doctor)
    outsider = sign_in(cast.member("assessor_a"))
    outsider.post(f"/safeguarding/dols/{application.pk}/break-glass/", {"reason": "Covering tonight"})
    page = assess(outsider, application, "best_interests").content.decode()
    assert "Only the DoLS team or the assessor named for it may record this assessment" in page
    with scopes_disabled():
        assert not application.assessments.exists()
