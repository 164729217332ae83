"""Recording contacts and referrals at the front door, and screening them."""

import uuid

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.frontdoor.models import Referral
from assessflow.pathway.models import PathwayEvent
from assessflow.waiting.models import WaitingListEntry


def referral_payload(**overrides):
    data = {
        "submission_id": str(uuid.uuid4()),
        "kind": "referral",
        "channel": "phone",
        "source": "hospital_discharge",
        "referrer_name": "Ward 7 discharge team",
        "reason": "Going home Friday; needs help washing and dressing.",
        "urgency": "soon",
        "consent_to_referral": "on",
    }
    data.update(overrides)
    return data


def screening_payload(**overrides):
    data = {
        "at_risk": "no",
        "lacks_capacity": "no",
        "decision": "waiting_list",
        "work_type": "needs_assessment",
        "priority": "red",
        "note": "Lives alone; discharge on Friday.",
    }
    data.update(overrides)
    return data


def test_a_referral_is_recorded_once_with_the_servers_time_and_a_pathway_event(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    url = reverse("frontdoor:new", args=[cast.person_a.pk])
    data = referral_payload()
    first = client.post(url, data)
    second = client.post(url, data)
    assert first["Location"] == second["Location"]
    with scopes_disabled():
        referral = Referral.objects.get(reason__startswith="Going home Friday")
        [event] = PathwayEvent.objects.filter(work_item_type="frontdoor.referral", work_item_id=str(referral.pk))
    assert referral.route_of_access == "Discharge from hospital", "worked out from the source"
    assert referral.status == "received"
    assert event.event_type == "referral_received"
    assert "Going home Friday" in client.get(reverse("people:detail", args=[cast.person_a.pk])).content.decode()


def test_missing_answers_are_named(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    page = client.post(
        reverse("frontdoor:new", args=[cast.person_a.pk]), referral_payload(source="", reason="")
    ).content.decode()
    assert "Select who it came from" in page
    assert "Enter what is happening and what help is asked for" in page


def test_screening_onto_a_waiting_list_sets_a_due_date_in_working_days(cast, sign_in):
    referral = cast.casework[cast.person_a.pk]["referral"]
    client = sign_in(cast.member("front_door_a"))
    response = client.post(reverse("waiting:screen", args=[referral.pk]), screening_payload())
    with scopes_disabled():
        entry = WaitingListEntry.objects.get(referral=referral)
        referral.refresh_from_db()
        events = list(PathwayEvent.objects.filter(person_id=cast.person_a.pk).values_list("event_type", flat=True))
    assert response["Location"] == reverse("waiting:entry", args=[entry.pk])
    assert referral.status == "waiting_list"
    assert (entry.work_type, entry.priority) == ("needs_assessment", "red")
    from assessflow.core.working_days import working_days_between

    assert working_days_between(entry.added_at.date(), entry.due_on) == 5
    assert events == ["screened", "waiting_list_added"]


def test_a_refusal_is_not_offered_when_the_person_may_lack_capacity_or_be_at_risk(cast, sign_in):
    referral = cast.casework[cast.person_a.pk]["referral"]
    client = sign_in(cast.member("front_door_a"))
    page = client.post(
        reverse("waiting:screen", args=[referral.pk]),
        screening_payload(decision="screened_out", screen_out_reason="declined", lacks_capacity="unknown"),
    ).content.decode()
    assert "A refusal stands only where you have recorded" in page
    referral.refresh_from_db()
    assert referral.status == "received"

    client.post(
        reverse("waiting:screen", args=[referral.pk]),
        screening_payload(decision="screened_out", screen_out_reason="declined", at_risk="no", lacks_capacity="no"),
    )
    referral.refresh_from_db()
    assert (referral.status, referral.screening_reason) == ("screened_out", "declined")


def test_screening_does_not_put_a_referral_on_the_dols_list(cast, sign_in):
    """A DoLS request is recorded as one, so its statutory deadline runs from the request: screening offers no
    DoLS list, refuses one posted anyway, and the service refuses it too."""
    from assessflow.audit.actor import Actor
    from assessflow.waiting.services import IllegalMove, screen_onto_waiting_list

    referral = cast.casework[cast.person_a.pk]["referral"]
    client = sign_in(cast.member("front_door_a"))
    form = client.get(reverse("waiting:screen", args=[referral.pk])).content.decode()
    assert 'value="dols"' not in form and 'value="needs_assessment"' in form
    refused = client.post(reverse("waiting:screen", args=[referral.pk]), screening_payload(work_type="dols"))
    assert "Choose the work the person is waiting for from the list" in refused.content.decode()
    member = cast.member("front_door_a")
    with scopes_disabled(), pytest.raises(IllegalMove, match="Record a Deprivation of Liberty Safeguards request"):
        screen_onto_waiting_list(
            actor=Actor(user=member.user, membership=member), referral=referral, work_type="dols", priority="red",
            rationale="",
        )  # fmt: skip
    with scopes_disabled():
        assert not WaitingListEntry.objects.filter(referral=referral).exists()
    referral.refresh_from_db()
    assert referral.status == "received"


def test_a_screened_referral_cannot_be_screened_again(cast, sign_in):
    referral = cast.casework[cast.person_a.pk]["referral"]
    client = sign_in(cast.member("front_door_a"))
    client.post(reverse("waiting:screen", args=[referral.pk]), screening_payload(decision="closed_advice"))
    client.post(reverse("waiting:screen", args=[referral.pk]), screening_payload())
    with scopes_disabled():
        assert not WaitingListEntry.objects.filter(referral=referral).exists()
    referral.refresh_from_db()
    assert referral.status == "closed_advice"


def test_the_queue_shows_urgent_referrals_first(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    client.post(
        reverse("frontdoor:new", args=[cast.person_a_handed.pk]),
        referral_payload(urgency="urgent", reason="Carer in hospital tonight"),
    )
    referrals = client.get(reverse("frontdoor:queue")).context["referrals"]
    assert referrals[0].reason == "Carer in hospital tonight"
    assert all(r.council_id == cast.council_a.pk for r in referrals)


def test_the_screening_service_refuses_a_refusal_unless_capacity_and_risk_are_both_recorded_as_no(cast):
    from assessflow.audit.actor import Actor
    from assessflow.frontdoor import services
    from assessflow.pathway.transitions import IllegalMove

    referral = cast.casework[cast.person_a.pk]["referral"]
    actor = Actor(user=cast.member("front_door_a").user, membership=cast.member("front_door_a"))
    for lacks_capacity, at_risk in [(None, False), (False, None), (None, None), (True, False), (False, True)]:
        with pytest.raises(IllegalMove, match=r"s\.11\(2\)"), scopes_disabled():
            services.screen(
                actor=actor,
                referral=referral,
                to_status="screened_out",
                reason_code="declined",
                lacks_capacity=lacks_capacity,
                at_risk=at_risk,
            )
    with scopes_disabled():
        services.screen(
            actor=actor,
            referral=referral,
            to_status="screened_out",
            reason_code="declined",
            lacks_capacity=False,
            at_risk=False,
        )
    referral.refresh_from_db()
    assert referral.screening_reason == "declined"


def test_declined_is_offered_only_once_capacity_and_risk_are_recorded_as_no(cast, sign_in):
    referral = cast.casework[cast.person_a.pk]["referral"]
    client = sign_in(cast.member("front_door_a"))
    url = reverse("waiting:screen", args=[referral.pk])
    at_risk = client.post(url, screening_payload(decision="screened_out", at_risk="unknown", note=""))
    offered = {value for value, _ in at_risk.context["form"].fields["screen_out_reason"].choices}
    assert "declined" not in offered
    assert "carer_declined" in offered
    both_no = client.post(url, screening_payload(decision="screened_out", note=""))
    assert "declined" in {value for value, _ in both_no.context["form"].fields["screen_out_reason"].choices}


def test_a_carers_refusal_of_a_carers_assessment_stands_whatever_is_known_of_the_person(cast, sign_in):
    referral = cast.casework[cast.person_a.pk]["referral"]
    client = sign_in(cast.member("front_door_a"))
    client.post(
        reverse("waiting:screen", args=[referral.pk]),
        screening_payload(
            decision="screened_out", screen_out_reason="carer_declined", at_risk="unknown", lacks_capacity="yes"
        ),
    )
    referral.refresh_from_db()
    assert (referral.status, referral.screening_reason) == ("screened_out", "carer_declined")
