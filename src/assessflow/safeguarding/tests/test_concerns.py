"""Raising a concern from anywhere, and the safeguarding team's triage and s.42 decision."""

import uuid

import pytest
from django_scopes import scopes_disabled

from assessflow.audit.models import AccessEvent
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.safeguarding.models import Concern, Enquiry
from assessflow.waiting.models import WaitingListEntry

from .helpers import CONCERN, decision, raise_concern


def test_a_provider_users_concern_lands_in_the_councils_queue_and_they_then_get_404(cast, sign_in):
    client = sign_in(cast.member("provider_assessor"))
    response = raise_concern(client, cast.person_a_handed, immediate_risk="high")
    with scopes_disabled():
        concern = Concern.objects.get(person=cast.person_a_handed, raised_by=cast.member("provider_assessor").user)
    assert response.status_code == 302
    assert response["Location"] == f"/safeguarding/concerns/{concern.pk}/received/"
    assert concern.council == cast.council_a
    assert concern.raised_by_organisation == cast.provider
    acknowledgement = client.get(response["Location"]).content.decode()
    assert concern.reference in acknowledgement
    assert "Her son shouts" not in acknowledgement
    assert client.get(f"/safeguarding/concerns/{concern.pk}/").status_code == 404

    team = sign_in(cast.member("safeguarding_a"))
    queue = team.get("/safeguarding/").content.decode()
    assert concern.reference in queue


def test_the_concern_names_each_missing_field_and_saves_nothing(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    with scopes_disabled():
        before = Concern.objects.count()
    response = raise_concern(client, cast.person_a, what_happened="", immediate_risk="", raiser_anonymous="")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Describe what happened" in page
    assert "Select how great the risk is now" in page
    assert "Select whether you wish to stay anonymous to the adult" in page
    with scopes_disabled():
        assert Concern.objects.count() == before


def test_a_retried_post_raises_one_concern(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    submission = str(uuid.uuid4())
    raise_concern(client, cast.person_a, submission_id=submission)
    raise_concern(client, cast.person_a, submission_id=submission)
    with scopes_disabled():
        assert Concern.objects.filter(submission_id=submission).count() == 1


def test_a_worker_outside_the_team_meets_the_restricted_page_and_may_break_the_glass(cast, sign_in):
    concern = cast.casework[cast.person_a.pk]["concern"]
    client = sign_in(cast.member("assessor_a"))
    restricted = client.get(f"/safeguarding/concerns/{concern.pk}/")
    assert restricted.status_code == 403
    assert "safeguarding team" in restricted.content.decode()
    assert concern.what_happened not in restricted.content.decode()
    refused = client.post(f"/safeguarding/concerns/{concern.pk}/break-glass/", {"reason": ""})
    assert refused.status_code == 400
    client.post(f"/safeguarding/concerns/{concern.pk}/break-glass/", {"reason": "Visiting today; she told me more"})
    opened = client.get(f"/safeguarding/concerns/{concern.pk}/")
    assert opened.status_code == 200
    assert concern.what_happened in opened.content.decode()
    with scopes_disabled():
        events = AccessEvent.objects.filter(actor=cast.member("assessor_a").user, person_id=cast.person_a.pk)
        assert events.filter(action="safeguarding.concern.break_glass").exists()
        assert events.filter(action="safeguarding.concern.viewed").exists()


def test_the_persons_own_restriction_holds_after_breaking_the_glass_on_a_concern(cast, sign_in):
    """A concern about someone whose record is restricted opens, outside the safeguarding team, only once the
    person's glass is broken too; the team itself is not held back."""
    from assessflow.audit.actor import Actor
    from assessflow.people.restrictions import restrict

    concern = cast.casework[cast.person_a.pk]["concern"]
    manager = cast.member("team_manager_a")
    with scopes_disabled():
        actor = Actor(user=manager.user, membership=manager)
        restrict(actor=actor, person=cast.person_a, reason="Staff member", manager=manager.user, users=[], teams=[])
    client = sign_in(cast.member("assessor_a"))
    client.post(f"/safeguarding/concerns/{concern.pk}/break-glass/", {"reason": "Visiting today; she told me more"})
    held = client.get(f"/safeguarding/concerns/{concern.pk}/")
    assert held.status_code == 403
    assert concern.what_happened not in held.content.decode()
    assert f"/people/{cast.person_a.pk}/break-glass/" in held.content.decode()
    client.post(f"/people/{cast.person_a.pk}/break-glass/", {"reason": "Visiting today; she told me more"})
    assert concern.what_happened in client.get(f"/safeguarding/concerns/{concern.pk}/").content.decode()

    team = sign_in(cast.member("safeguarding_a"))
    assert concern.what_happened in team.get(f"/safeguarding/concerns/{concern.pk}/").content.decode()


def test_a_provider_may_not_break_the_glass(cast, sign_in):
    concern = cast.casework[cast.person_a_handed.pk]["concern"]
    client = sign_in(cast.member("provider_assessor"))
    response = client.post(f"/safeguarding/concerns/{concern.pk}/break-glass/", {"reason": "Curious"})
    assert response.status_code == 403


def _triaged(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    raise_concern(client, cast.person_a)
    with scopes_disabled():
        concern = Concern.objects.filter(person=cast.person_a, status="received").latest("pk")
    team = sign_in(cast.member("safeguarding_a"))
    team.post(f"/safeguarding/concerns/{concern.pk}/triage/", {"risk": "high", "note": "", "version": concern.version})
    with scopes_disabled():
        concern.refresh_from_db()
    assert concern.status == "triaged"
    return team, concern


def test_a_s42_enquiry_cannot_open_unless_all_three_parts_are_met(cast, sign_in):
    team, concern = _triaged(cast, sign_in)
    url = f"/safeguarding/concerns/{concern.pk}/decide/"
    lead = cast.member("safeguarding_a").user.pk
    page = team.post(url, decision(concern, unable_to_protect="no", lead=lead)).content.decode()
    assert "A s.42 enquiry needs reasonable cause to suspect all three parts of s.42(1)" in page
    page = team.post(url, decision(concern, has_care_needs_reason="", lead=lead)).content.decode()
    assert "Give the reason for this answer" in page
    with scopes_disabled():
        assert not Enquiry.objects.filter(concern=concern).exists()
    assert team.post(url, decision(concern, lead=lead)).status_code == 302
    with scopes_disabled():
        enquiry = Enquiry.objects.get(concern=concern)
        events = set(PathwayEvent.objects.filter(person_id=cast.person_a.pk).values_list("event_type", flat=True))
    assert enquiry.kind == "s42"
    assert {EventType.CONCERN_RAISED, EventType.CONCERN_TRIAGED, EventType.SAFEGUARDING_DECIDED} <= events
    assert EventType.ENQUIRY_STARTED in events


def test_when_all_three_parts_are_met_the_council_must_make_enquiries(cast, sign_in):
    team, concern = _triaged(cast, sign_in)
    page = team.post(
        f"/safeguarding/concerns/{concern.pk}/decide/",
        decision(concern, decision="other", decision_note="Prefer a lighter touch"),
    ).content.decode()
    assert "There is reasonable cause to suspect all three parts of s.42(1), so the council must make enquiries" in page


def test_no_further_action_records_the_advice_and_can_add_a_needs_assessment(cast, sign_in):
    team, concern = _triaged(cast, sign_in)
    with scopes_disabled():
        before = list(WaitingListEntry.objects.filter(person=cast.person_a).values_list("pk", flat=True))
    url = f"/safeguarding/concerns/{concern.pk}/decide/"
    answers = {"abuse_or_risk": "no", "decision": "no_further_action", "refer_for_assessment": "amber"}
    page = team.post(url, decision(concern, **answers)).content.decode()
    assert "Record the advice, signposting or referral made" in page
    team.post(url, decision(concern, **answers, decision_note="Needs more care at home; no abuse found"))
    with scopes_disabled():
        concern.refresh_from_db()
        entry = (
            WaitingListEntry.objects.filter(person=cast.person_a, work_type="needs_assessment")
            .exclude(pk__in=before)
            .get()
        )
    assert concern.status == "closed"
    assert concern.decision == "no_further_action"
    assert entry.priority == "amber"


def test_a_keep_in_touch_call_that_escalates_to_safeguarding_lands_in_the_queue(cast, sign_in):
    entry = cast.casework[cast.person_a.pk]["entry"]
    client = sign_in(cast.member("front_door_a"))
    client.post(
        f"/waiting/entries/{entry.pk}/keep-in-touch/",
        {
            "method": "phone",
            "things_changed": "yes",
            "outcome": "safeguarding",
            "notes": "Bruising; says her son takes her money",
            "new_priority": "",
            "submission_id": str(uuid.uuid4()),
        },
    )
    with scopes_disabled():
        concern = Concern.objects.get(person=cast.person_a, origin="keep_in_touch")
    assert concern.what_happened == "Bruising; says her son takes her money"
    assert concern.reference in sign_in(cast.member("safeguarding_a")).get("/safeguarding/").content.decode()


def test_the_screening_page_offers_a_concern_that_remembers_it_came_from_screening(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    referral = cast.casework[cast.person_a.pk]["referral"]
    page = client.get(f"/waiting/screen/{referral.pk}/").content.decode()
    link = f"/safeguarding/people/{cast.person_a.pk}/concerns/new/?origin=screening&amp;origin_id={referral.pk}"
    assert link in page
    response = client.post(link.replace("&amp;", "&"), {**CONCERN, "submission_id": str(uuid.uuid4())})
    assert response.status_code == 302
    with scopes_disabled():
        concern = Concern.objects.get(person=cast.person_a, origin="screening")
    assert concern.origin_id == str(referral.pk)


def test_a_providers_worker_cannot_lead_an_enquiry(cast, sign_in):
    from assessflow.audit.actor import Actor
    from assessflow.pathway.transitions import IllegalMove
    from assessflow.safeguarding.services import concerns as services

    _, concern = _triaged(cast, sign_in)
    member = cast.member("safeguarding_a")
    answers = {k: v for k, v in decision(concern).items() if k.startswith(("has_", "abuse_", "unable_"))}
    answers = {k: (v == "yes" if not k.endswith("_reason") else v) for k, v in answers.items()}
    with scopes_disabled(), pytest.raises(IllegalMove, match="never delegated"):
        services.decide(
            actor=Actor(user=member.user, membership=member),
            concern=concern,
            answers=answers,
            decision="s42",
            note="",
            lead=cast.member("provider_assessor").user,
            expected_version=concern.version,
        )
    with scopes_disabled():
        concern.refresh_from_db()
        assert concern.status == "triaged"  # nothing half-saved


def test_the_council_names_its_safeguarding_teams_and_timescales(cast, sign_in):
    from assessflow.safeguarding.models import SafeguardingSettings
    from assessflow.tests import factories

    with scopes_disabled():
        SafeguardingSettings.objects.filter(council=cast.council_a).delete()
        team = factories.TeamFactory(organisation=cast.council_a, name="Adult Safeguarding Hub")
    admin = sign_in(cast.member("council_admin_a"))
    assert "Adult Safeguarding Hub" in admin.get("/safeguarding/settings/").content.decode()
    with scopes_disabled():
        assert not SafeguardingSettings.objects.filter(council=cast.council_a).exists()  # reading wrote nothing
    admin.post(
        "/safeguarding/settings/",
        {
            "safeguarding_teams": [team.pk],
            "triage_working_days": "1",
            "decision_working_days": "4",
            "renewal_reminder_days": "28",
        },
    )
    with scopes_disabled():
        saved = SafeguardingSettings.objects.get(council=cast.council_a)
        assert list(saved.safeguarding_teams.all()) == [team]
    assert saved.decision_working_days == 4
