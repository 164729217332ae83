"""Sign-in throttling: per account at an address, per address across accounts, and a way back in by email."""

import datetime
import re

from django.core import mail
from django.urls import reverse

from assessflow.conftest import PASSWORD
from assessflow.password_reset import reset_link_tokens
from assessflow.tests import factories

HERE = "198.51.100.7"
ELSEWHERE = "203.0.113.20"
NEW_PASSWORD = "otter lantern quarry meadow"


def attempt(client, email: str, password: str, address: str):
    return client.post(reverse("sign-in"), {"username": email, "password": password}, REMOTE_ADDR=address)


def test_failures_on_one_account_lock_it_where_they_came_from_and_nowhere_else(cast, client):
    email = cast.member("assessor_a").user.email
    for _ in range(5):
        attempt(client, email, "wrong", HERE)
    locked = attempt(client, email, PASSWORD, HERE)
    assert locked.status_code == 429
    assert reverse("password-forgotten") in locked.content.decode(), "the locked-out page offers a way back in"
    assert attempt(client, email, PASSWORD, ELSEWHERE).status_code == 302


def test_the_same_account_typed_in_other_cases_counts_as_one(cast, client):
    email = cast.member("assessor_a").user.email
    for variant in (email, email.upper(), email.title(), f" {email} ", email.swapcase()):
        attempt(client, variant, "wrong", HERE)
    assert attempt(client, email, PASSWORD, HERE).status_code == 429


def test_passwords_sprayed_over_many_accounts_from_one_address_lock_that_address(cast, client):
    worker = cast.member("front_door_a").user.email
    targets = [m.user.email for key, m in cast.members.items() if key != "front_door_a"][:15]
    targets += [f"nobody{n}@council-a.example" for n in range(20 - len(targets))]
    for email in targets[:19]:
        assert attempt(client, email, "Summer2026!", HERE).status_code == 200, "each account is tried once only"
    assert attempt(client, targets[19], "Summer2026!", HERE).status_code == 429
    assert attempt(client, worker, PASSWORD, HERE).status_code == 429
    assert attempt(client, worker, PASSWORD, ELSEWHERE).status_code == 302


def test_signing_in_to_an_account_of_ones_own_does_not_restart_the_addresss_count(cast, client):
    for n in range(19):
        attempt(client, f"target{n}@council-a.example", "Summer2026!", HERE)
    sprayer = cast.member("referrer_b").user.email
    assert attempt(client, sprayer, PASSWORD, HERE).status_code == 302
    client.post(reverse("sign-out"))
    attempt(client, "target19@council-a.example", "Summer2026!", HERE)
    assert attempt(client, cast.member("assessor_a").user.email, PASSWORD, HERE).status_code == 429


def reset_link(email: str) -> str:
    [message] = [m for m in mail.outbox if m.to == [email]]
    return re.search(r"https?://[^/\s]+(/reset-password/\S+/)", message.body).group(1)


def test_a_locked_out_worker_resets_their_password_by_email_and_signs_in_again(cast, client):
    user = cast.member("assessor_a").user
    for _ in range(6):
        attempt(client, user.email, "wrong", HERE)
    assert attempt(client, user.email, PASSWORD, HERE).status_code == 429

    page = client.get(reverse("password-forgotten"), REMOTE_ADDR=HERE)
    assert page.status_code == 200
    sent = client.post(reverse("password-forgotten"), {"email": user.email.upper()}, REMOTE_ADDR=HERE)
    assert sent["Location"] == reverse("password-reset-sent")
    [message] = mail.outbox
    assert message.to == [user.email]
    assert "works once, for an hour" in message.body

    form = client.get(reset_link(user.email), follow=True, REMOTE_ADDR=HERE)
    assert form.status_code == 200
    assert "Create a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, REMOTE_ADDR=HERE
    )
    assert done["Location"] == reverse("sign-in")

    assert attempt(client, user.email, PASSWORD, HERE).status_code == 200, "the old password no longer works"
    assert attempt(client, user.email, NEW_PASSWORD, HERE).status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_the_reset_page_does_not_say_whether_an_account_exists(cast, client):
    known = client.post(reverse("password-forgotten"), {"email": cast.member("assessor_a").user.email})
    unknown = client.post(reverse("password-forgotten"), {"email": "nobody@council-a.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [[cast.member("assessor_a").user.email]]
    page = client.get(unknown["Location"]).content.decode()
    assert "If an Assessflow account uses the address you gave" in page


def test_a_reset_request_without_an_email_address_is_refused_with_its_error(db, client):
    response = client.post(reverse("password-forgotten"), {"email": ""})
    assert response.status_code == 400
    assert "Enter your email address" in response.content.decode()
    assert mail.outbox == []


def test_a_reset_link_works_once(cast, client):
    user = cast.member("assessor_a").user
    client.post(reverse("password-forgotten"), {"email": user.email})
    link = reset_link(user.email)
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = client.get(link, follow=True)
    assert again.status_code == 404
    assert "This link no longer works" in again.content.decode()


def test_a_reset_link_stops_working_after_an_hour(cast, client, monkeypatch):
    user = cast.member("assessor_a").user
    client.post(reverse("password-forgotten"), {"email": user.email})
    link = reset_link(user.email)
    later = datetime.datetime.now() + datetime.timedelta(hours=1, minutes=1)
    monkeypatch.setattr(reset_link_tokens, "_now", lambda: later)
    assert client.get(link, follow=True).status_code == 404


def test_an_account_that_is_switched_off_gets_no_link(db, client):
    user = factories.UserFactory(is_active=False)
    client.post(reverse("password-forgotten"), {"email": user.email})
    assert mail.outbox == []


def test_reset_links_to_one_mailbox_stop_at_the_hours_limit_and_the_page_says_nothing_different(cast, client, settings):
    user = cast.member("assessor_a").user
    answers = [
        client.post(reverse("password-forgotten"), {"email": f" {user.email.upper()} "}, REMOTE_ADDR=address)
        for address in (HERE, ELSEWHERE, HERE, ELSEWHERE)  # from anywhere, in any case: one mailbox
    ]
    assert {a["Location"] for a in answers} == {reverse("password-reset-sent")}
    assert len(mail.outbox) == settings.PASSWORD_RESET_EMAIL_LIMIT == 3
    # Another worker's mailbox is counted on its own.
    client.post(reverse("password-forgotten"), {"email": cast.member("assessor_b").user.email}, REMOTE_ADDR="192.0.2.9")
    assert mail.outbox[-1].to == [cast.member("assessor_b").user.email]


def test_reset_requests_from_one_address_stop_at_its_limit_whoever_they_name(cast, client, settings):
    settings.PASSWORD_RESET_ADDRESS_LIMIT = 2
    for key in ("assessor_a", "front_door_a", "team_manager_a"):
        client.post(reverse("password-forgotten"), {"email": cast.member(key).user.email}, REMOTE_ADDR=HERE)
    assert len(mail.outbox) == 2
    client.post(
        reverse("password-forgotten"), {"email": cast.member("team_manager_a").user.email}, REMOTE_ADDR=ELSEWHERE
    )
    assert mail.outbox[-1].to == [cast.member("team_manager_a").user.email], "another address is not held back"


def test_an_hour_later_a_link_can_be_asked_for_again(cast, client):
    from assessflow.tenancy.models import PasswordResetRequest

    user = cast.member("assessor_a").user
    for _ in range(3):
        client.post(reverse("password-forgotten"), {"email": user.email}, REMOTE_ADDR=HERE)
    PasswordResetRequest.objects.update(requested_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    client.post(reverse("password-forgotten"), {"email": user.email}, REMOTE_ADDR=HERE)
    assert len(mail.outbox) == 4
    assert PasswordResetRequest.objects.count() == 1, "requests older than a day are not kept"
