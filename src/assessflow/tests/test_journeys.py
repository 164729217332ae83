"""The end of a journey: the success banner's markup, and that the way back only ever leads to a page here."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from assessflow.core.journeys import back_label, return_to, with_return
from assessflow.tests.feedback import banner, banner_links


@pytest.mark.parametrize(
    "given",
    [
        "https://evil.example/",
        "//evil.example",
        "//evil.example/people/1/",
        "/\\evil.example",
        "http://testserver/people/1/",
        "javascript:alert(1)",
        "people/1/",
        "/" + "x" * 600,
    ],
)
def test_a_way_back_to_anywhere_but_a_path_on_this_site_is_ignored(given):
    request = RequestFactory().get("/notes/new/", {"next": given})
    assert return_to(request) == ""


def test_a_way_back_to_a_path_on_this_site_is_kept_from_the_form_or_the_address():
    assert return_to(RequestFactory().get("/x/", {"next": "/people/7/?kind=record"})) == "/people/7/?kind=record"
    assert return_to(RequestFactory().post("/x/", {"next": "/waiting/screen/3/"})) == "/waiting/screen/3/"


def test_a_link_carries_the_page_it_starts_from():
    assert with_return("/safeguarding/7/raise/?origin=screening", "/waiting/screen/3/") == (
        "/safeguarding/7/raise/?origin=screening&next=/waiting/screen/3/"
    )
    assert with_return("/casework/people/7/notes/new/", "/people/7/?kind=x&y=1") == (
        "/casework/people/7/notes/new/?next=/people/7/%3Fkind%3Dx%26y%3D1"
    )


def test_the_way_back_is_named_for_the_page_it_goes_to(cast):
    person = reverse("people:detail", args=[cast.person_a.pk])
    screening = reverse("waiting:screen", args=[1])
    assert back_label(person, person="Alice Ashworth") == "Back to Alice Ashworth's record"
    assert back_label(screening) == "Back to screening referral R0000001"
    assert back_label(person) == "Back to where you started", "a name not given is never guessed"
    assert back_label("/no/such/page/") == "Back to where you started"


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example"])
def test_a_note_added_with_a_way_back_to_another_site_stays_here(cast, sign_in, elsewhere):
    from assessflow.casework.tests.test_notes import note_payload

    client = sign_in(cast.member("assessor_a"))
    url = reverse("casework:note-new", args=[cast.person_a.pk])
    response = client.post(f"{url}?next={elsewhere}", note_payload())
    assert response["Location"] == reverse("people:detail", args=[cast.person_a.pk])
    page = client.get(response["Location"])
    assert banner(page) == "Note added to Alice Ashworth's record"
    assert "evil.example" not in page.content.decode()


def test_the_banner_is_the_govuk_success_notification(cast, sign_in):
    from assessflow.casework.tests.test_notes import note_payload

    client = sign_in(cast.member("assessor_a"))
    page = client.post(reverse("casework:note-new", args=[cast.person_a.pk]), note_payload(), follow=True)
    html = page.content.decode()
    assert 'class="govuk-notification-banner govuk-notification-banner--success" role="alert"' in html
    assert 'data-module="govuk-notification-banner"' in html
    assert banner(page) == "Note added to Alice Ashworth's record"
    assert banner_links(page) == []
    assert banner(client.get(page.request["PATH_INFO"])) == "", "a banner is shown once"


def test_a_banner_not_yet_shown_is_never_shown_to_the_next_person_to_sign_in(cast, sign_in):
    from assessflow.casework.tests.test_notes import note_payload

    first = sign_in(cast.member("assessor_a"))
    first.post(reverse("casework:note-new", args=[cast.person_a.pk]), note_payload())  # the banner is not yet read
    assert not any("message" in name for name in first.cookies), "a banner naming a person is never in a cookie"
    second = sign_in(cast.member("referrer_a"))
    assert banner(second.get(reverse("home"))) == ""
