"""Recording a referral, asking its referrer a question and answering one are each confirmed in a success banner."""

from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.frontdoor.models import Referral
from assessflow.frontdoor.tests.test_referrals import referral_payload
from assessflow.tests.feedback import banner, banner_links


def test_recording_a_referral_names_it_by_reference(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    page = client.post(reverse("frontdoor:new", args=[cast.person_a.pk]), referral_payload(), follow=True)
    with scopes_disabled():
        referral = Referral.objects.get(reason__startswith="Going home Friday")
    assert banner(page) == f"Referral {referral.reference} recorded"


def test_a_referral_recorded_from_the_person_page_offers_the_way_back_to_it(cast, sign_in):
    client = sign_in(cast.member("front_door_a"))
    person_page = reverse("people:detail", args=[cast.person_a.pk])
    start = client.get(person_page).content.decode()
    link = f"{reverse('frontdoor:new', args=[cast.person_a.pk])}?next={person_page}"
    assert f'href="{link}"' in start, "the person page's link carries the way back"
    page = client.post(link, referral_payload(), follow=True)
    assert banner(page).endswith(". Back to Alice Ashworth's record")
    assert banner_links(page) == [person_page]


def test_asking_and_answering_a_question_are_each_confirmed(cast, sign_in):
    referral = cast.portal_referral_a
    staff = sign_in(cast.member("front_door_a"))
    question = {"question": "Does she live alone?"}
    page = staff.post(reverse("frontdoor:ask", args=[referral.pk]), question, follow=True)
    assert banner(page) == f"Question sent to the referrer of {referral.reference}"

    referrer = sign_in(cast.member("referrer_a"))
    page = referrer.post(reverse("portal:answer", args=[referral.pk]), {"answer": "Yes, since May"}, follow=True)
    assert banner(page) == f"Your answer about referral {referral.reference} is sent to the council"
