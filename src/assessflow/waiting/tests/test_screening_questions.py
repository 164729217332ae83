"""Screening asks only what applies: the waiting list's questions under "add to a waiting list", the reason under
"screen out", each checked only when its answer is chosen; the error summary follows the page; optional says so."""

import re

from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.frontdoor.models import Referral
from assessflow.pathway.models import PathwayEvent
from assessflow.tests import factories
from assessflow.waiting.forms import ScreeningForm
from assessflow.waiting.models import WaitingListEntry


def payload(**overrides):
    return {
        "at_risk": "no",
        "lacks_capacity": "no",
        "decision": "waiting_list",
        "work_type": "needs_assessment",
        "priority": "red",
        "note": "Lives alone; discharge on Friday.",
        **overrides,
    }


def summary_links(page: str) -> list[tuple[str, str]]:
    summary = page.split('govuk-error-summary__list">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="(#[^"]+)">([^<]+)</a>', summary)


def conditional(page: str, radio_id: str, next_radio_id: str) -> str:
    """The block revealed under one radio (named by its input's data-aria-controls), up to the next radio."""
    controls = re.search(rf'id="{radio_id}"[^>]*data-aria-controls="([^"]+)"', page).group(1)
    return page.split(f'id="{controls}"', 1)[1].split(f'id="{next_radio_id}"', 1)[0]


def test_the_waiting_list_questions_sit_under_their_answer_and_the_reason_under_screen_out(cast, sign_in):
    referral = cast.casework[cast.person_a.pk]["referral"]
    page = sign_in(cast.member("front_door_a")).get(reverse("waiting:screen", args=[referral.pk])).content.decode()
    decisions = [m.group(1) for m in re.finditer(r'id="(id_decision_\d)"', page)]
    under_waiting = conditional(page, decisions[0], decisions[1])
    for name in ("work_type", "team", "priority"):
        assert f'name="{name}"' in under_waiting
    assert 'name="screen_out_reason"' not in under_waiting
    assert 'name="screen_out_reason"' in conditional(page, decisions[3], "id_note")
    # Each question is on the page once, inside its reveal, and hidden until its answer is chosen.
    assert page.count('name="work_type"') == 1 and page.count('name="screen_out_reason"') == 1
    assert page.count("govuk-radios__conditional--hidden") == 2
    # Closing with advice reveals nothing.
    assert "data-aria-controls" not in re.search(rf'<input[^>]*id="{decisions[1]}"[^>]*>', page).group(0)


def test_screening_out_ignores_the_hidden_waiting_list_answers_and_stores_none_of_them(cast, sign_in):
    referral = cast.casework[cast.person_a.pk]["referral"]
    with scopes_disabled():
        team = factories.TeamFactory(organisation=cast.council_a)
    client = sign_in(cast.member("front_door_a"))
    response = client.post(
        reverse("waiting:screen", args=[referral.pk]),
        payload(decision="screened_out", screen_out_reason="duplicate", team=team.pk, priority="red"),
    )
    assert response.status_code == 302
    with scopes_disabled():
        referral.refresh_from_db()
        assert not WaitingListEntry.objects.filter(referral=referral).exists()
        kinds = set(PathwayEvent.objects.filter(person_id=cast.person_a.pk).values_list("event_type", flat=True))
    assert (referral.status, referral.screening_reason) == ("screened_out", "duplicate")
    assert "waiting_list_added" not in kinds
    form = ScreeningForm(
        payload(decision="screened_out", screen_out_reason="duplicate", team=team.pk), council=cast.council_a
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["work_type"], form.cleaned_data["priority"], form.cleaned_data["team"]) == ("", "", None)


def test_a_waiting_list_ignores_a_hidden_screen_out_reason_even_one_that_could_not_stand(cast, sign_in):
    referral = cast.casework[cast.person_a.pk]["referral"]
    client = sign_in(cast.member("front_door_a"))
    response = client.post(
        reverse("waiting:screen", args=[referral.pk]),
        payload(screen_out_reason="declined", at_risk="yes", lacks_capacity="unknown"),
    )
    assert response.status_code == 302
    with scopes_disabled():
        referral.refresh_from_db()
        assert WaitingListEntry.objects.filter(referral=referral, priority="red").exists()
    assert (referral.status, referral.screening_reason) == (Referral.Status.WAITING_LIST, "needs_assessment")


def test_a_missing_revealed_answer_is_named_and_only_for_the_answer_chosen(cast, sign_in):
    referral = cast.casework[cast.person_a.pk]["referral"]
    client = sign_in(cast.member("front_door_a"))
    url = reverse("waiting:screen", args=[referral.pk])
    page = client.post(url, payload(work_type="", priority="")).content.decode()
    assert summary_links(page) == [
        ("#id_work_type", "Choose the work the person is waiting for"),
        ("#id_priority_0", "Choose a priority"),
    ]
    assert "Choose why the referral is screened out" not in page
    # The reveal stays open under the chosen answer, so the errors can be seen.
    assert page.count("govuk-radios__conditional--hidden") == 1
    page = client.post(url, payload(decision="screened_out", work_type="", priority="")).content.decode()
    assert summary_links(page) == [("#id_screen_out_reason", "Choose why the referral is screened out")]
    with scopes_disabled():
        referral.refresh_from_db()
    assert referral.status == "received"


def test_the_error_summary_lists_the_errors_in_the_order_of_the_page(cast, sign_in):
    """The refusal check runs after every field is read, but its error sits where its question is."""
    referral = cast.casework[cast.person_a.pk]["referral"]
    page = (
        sign_in(cast.member("front_door_a"))
        .post(
            reverse("waiting:screen", args=[referral.pk]),
            payload(
                at_risk="", lacks_capacity="unknown", decision="screened_out", screen_out_reason="declined", note=""
            ),
        )
        .content.decode()
    )
    assert [href for href, _ in summary_links(page)] == ["#id_at_risk_0", "#id_screen_out_reason", "#id_note"]


def test_only_optional_questions_say_optional(cast, sign_in):
    referral = cast.casework[cast.person_a.pk]["referral"]
    page = sign_in(cast.member("front_door_a")).get(reverse("waiting:screen", args=[referral.pk])).content.decode()
    marked = re.findall(r">([^<>]+) \(optional\)</(?:label|legend)>", page)
    assert marked == ["Team"]
    assert "Which work is the person waiting for?</label>" in page
    assert "Why is it screened out?</label>" in page
