"""The referrer portal: a referral sent online, followed to its outcome, and questions answered in place."""

from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.frontdoor.models import InformationRequest, Referral
from assessflow.pathway.models import PathwayEvent
from assessflow.people.models import Person

PERSON = {
    "given_name": "Mabel",
    "family_name": "Pritchard",
    "date_of_birth_0": "4",
    "date_of_birth_1": "9",
    "date_of_birth_2": "1936",
    "nhs_number": "",
    "address_line_1": "12 Mill Lane",
    "town": "Luton",
    "postcode": "lu2 0aa",
}
REFERRAL = {
    "source": "gp",
    "reason": "Recent falls; lives alone; daughter abroad.",
    "urgency": "soon",
    "consent_to_referral": "yes",
    "consent_to_share_outcome": "yes",
}


def send(client, person=None, referral=None):
    client.post(reverse("portal:new"), person or PERSON)
    client.post(reverse("portal:referral-step"), referral or REFERRAL)
    check = client.get(reverse("portal:check"))
    return check, client.post(reverse("portal:check"))


def test_a_referrer_checks_their_answers_and_sends_a_referral(cast, sign_in):
    client = sign_in(cast.member("referrer_a"))
    check, sent = send(client)
    page = check.content.decode()
    assert "Check your answers before sending the referral" in page
    assert "Mabel" in page and "4 September 1936" in page and "Recent falls" in page
    with scopes_disabled():
        referral = Referral.objects.get(reason__startswith="Recent falls")
        person = Person.objects.get(family_name="Pritchard")
    assert sent["Location"] == reverse("portal:referral", args=[referral.pk])
    assert (referral.channel, referral.referrer_organisation, referral.council) == (
        "portal",
        cast.referrer_org_a,
        cast.council_a,
    )
    assert person.council == cast.council_a and person.postcode == "LU2 0AA"
    confirmation = client.get(sent["Location"]).content.decode()
    assert "Referral sent" in confirmation and referral.reference in confirmation


def test_sending_twice_makes_one_referral(cast, sign_in):
    client = sign_in(cast.member("referrer_a"))
    client.post(reverse("portal:new"), PERSON)
    client.post(reverse("portal:referral-step"), REFERRAL)
    submission = client.session["portal_referral_draft"]["submission_id"]
    client.post(reverse("portal:check"))
    # A second click after the draft was cleared cannot send again; a replayed draft is the same submission.
    session = client.session
    session["portal_referral_draft"] = {
        "person": {**PERSON, "date_of_birth": "1936-09-04", "postcode": "LU2 0AA"},
        "referral": REFERRAL,
        "submission_id": submission,
    }
    session.save()
    client.post(reverse("portal:check"))
    with scopes_disabled():
        assert Referral.objects.filter(reason__startswith="Recent falls").count() == 1


def test_a_known_nhs_number_matches_the_existing_record(cast, sign_in):
    client = sign_in(cast.member("referrer_a"))
    send(client, person={**PERSON, "nhs_number": "943 476 5919"})
    with scopes_disabled():
        referral = Referral.objects.get(reason__startswith="Recent falls")
        assert referral.person == cast.person_a
        assert not Person.objects.filter(family_name="Pritchard").exists()
    page = client.get(reverse("portal:referral", args=[referral.pk])).content.decode()
    assert "Ashworth" not in page, "the referrer sees what they sent, never the record"


def test_each_missing_answer_is_named(cast, sign_in):
    client = sign_in(cast.member("referrer_a"))
    page = client.post(reverse("portal:new"), {**PERSON, "given_name": "", "postcode": "nowhere"}).content.decode()
    assert "Enter the person&#x27;s first name" in page
    assert "Enter a real postcode" in page


def test_another_referrer_cannot_see_it(cast, sign_in):
    client = sign_in(cast.member("referrer_a"))
    send(client)
    with scopes_disabled():
        referral = Referral.objects.get(reason__startswith="Recent falls")
    other = sign_in(cast.member("referrer_b"))
    assert other.get(reverse("portal:referral", args=[referral.pk])).status_code == 404
    assert "Recent falls" not in other.get(reverse("portal:referrals")).content.decode()


def test_another_surgery_in_the_same_council_neither_opens_nor_answers_it(cast, sign_in):
    theirs = cast.portal_referral_a2
    staff = sign_in(cast.member("front_door_a"))
    staff.post(reverse("frontdoor:ask", args=[theirs.pk]), {"question": "Does she have a key safe?"})
    with scopes_disabled():
        [question] = InformationRequest.objects.filter(referral=theirs)

    other = sign_in(cast.member("referrer_a"))
    assert other.get(reverse("portal:referral", args=[theirs.pk])).status_code == 404
    answered = other.post(reverse("portal:answer", args=[theirs.pk]), {"answer": "Yes, under the mat"})
    assert answered.status_code == 404
    question.refresh_from_db()
    assert (question.answer, question.answered_at) == ("", None)
    listed = other.get(reverse("portal:referrals")).content.decode()
    assert theirs.reference not in listed
    assert cast.portal_referral_a.reference in listed

    own = sign_in(cast.member("referrer_a2"))
    page = own.get(reverse("portal:referral", args=[theirs.pk])).content.decode()
    assert "Does she have a key safe?" in page
    own.post(reverse("portal:answer", args=[theirs.pk]), {"answer": "Yes, code with the daughter"})
    question.refresh_from_db()
    assert question.answer == "Yes, code with the daughter"


def test_the_outcome_is_shown_only_with_consent(cast, sign_in):
    referrer = sign_in(cast.member("referrer_a"))
    send(referrer, referral={**REFERRAL, "consent_to_share_outcome": "no"})
    with scopes_disabled():
        referral = Referral.objects.get(reason__startswith="Recent falls")
    staff = sign_in(cast.member("front_door_a"))
    staff.post(
        reverse("waiting:screen", args=[referral.pk]),
        {
            "at_risk": "no",
            "lacks_capacity": "no",
            "decision": "closed_signposted",
            "note": "Pointed to the falls clinic",
        },
    )
    referrer = sign_in(cast.member("referrer_a"))
    page = referrer.get(reverse("portal:referral", args=[referral.pk])).content.decode()
    assert "Screened" in page
    assert "signposted" not in page
    assert "did not agree to us sharing the outcome" in page


def test_the_front_door_asks_and_the_referrer_answers_in_the_portal(cast, sign_in):
    referrer = sign_in(cast.member("referrer_a"))
    send(referrer)
    with scopes_disabled():
        referral = Referral.objects.get(reason__startswith="Recent falls")
    staff = sign_in(cast.member("front_door_a"))
    staff.post(reverse("frontdoor:ask", args=[referral.pk]), {"question": "Does she have a key safe?"})
    referral.refresh_from_db()
    assert referral.status == "info_requested"

    referrer = sign_in(cast.member("referrer_a"))
    page = referrer.get(reverse("portal:referral", args=[referral.pk])).content.decode()
    assert "Does she have a key safe?" in page
    assert "We need more information from you" in page
    referrer.post(reverse("portal:answer", args=[referral.pk]), {"answer": "Yes, code with the daughter"})
    referral.refresh_from_db()
    assert referral.status == "received"
    staff = sign_in(cast.member("front_door_a"))
    assert (
        "Yes, code with the daughter" in staff.get(reverse("frontdoor:referral", args=[referral.pk])).content.decode()
    )
    with scopes_disabled():
        events = list(
            PathwayEvent.objects.filter(work_item_id=str(referral.pk), work_item_type="frontdoor.referral").values_list(
                "event_type", flat=True
            )
        )
    assert events == ["referral_received", "information_requested", "information_received"]
