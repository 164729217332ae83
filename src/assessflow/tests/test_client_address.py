"""The client's address behind a reverse proxy: believed from the configured header only, for throttling and the log."""

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.audit.models import AccessEvent
from assessflow.conftest import PASSWORD
from assessflow.core.client_address import client_address

PROXY = "10.0.0.5"
BEHIND_ONE_PROXY = override_settings(TRUSTED_PROXY_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=1)


def attempt(client, email: str, password: str, forwarded_for: str):
    return client.post(
        reverse("sign-in"),
        {"username": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def address(remote: str = PROXY, **headers) -> str | None:
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored():
    assert address("192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.9") == "192.0.2.1"


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client wrote the left entry, the proxy the right
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.4", "203.0.113.9"),
        (2, "203.0.113.9", PROXY),  # fewer entries than proxies: not written by them
        (1, "not-an-address", PROXY),
        (1, "", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_trusted_proxies_the_entry_they_appended_is_used(count, header, expected):
    with override_settings(TRUSTED_PROXY_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=count):
        assert address(HTTP_X_FORWARDED_FOR=header) == expected


def test_the_lock_out_believes_the_forwarded_header_only_from_a_trusted_proxy(cast, client):
    spoofer = cast.member("assessor_b").user.email
    for n in range(5):
        attempt(client, spoofer, "wrong", forwarded_for=f"192.0.2.{n}")
    assert attempt(client, spoofer, PASSWORD, forwarded_for="192.0.2.99").status_code == 429, "header not trusted"

    email = cast.member("assessor_a").user.email
    with BEHIND_ONE_PROXY:
        for n in range(5):
            # What the client put in the header itself is ignored; the proxy's entry (the last) is theirs.
            attempt(client, email, "wrong", forwarded_for=f"192.0.2.{n}, 203.0.113.5")
        assert attempt(client, email, PASSWORD, forwarded_for="203.0.113.5").status_code == 429
        assert attempt(client, email, PASSWORD, forwarded_for="203.0.113.6").status_code == 302


def viewing_alice(cast, sign_in, **headers) -> AccessEvent:
    client = sign_in(cast.member("assessor_a"))
    assert (
        client.get(reverse("people:detail", args=[cast.person_a.pk]), REMOTE_ADDR=PROXY, **headers).status_code == 200
    )
    with scopes_disabled():
        return AccessEvent.objects.filter(person_id=cast.person_a.pk, action="person.viewed").latest("pk")


def test_the_access_log_believes_the_forwarded_header_only_from_a_trusted_proxy(cast, sign_in):
    spoofed = "192.0.2.1, 203.0.113.5"
    assert viewing_alice(cast, sign_in, HTTP_X_FORWARDED_FOR=spoofed).ip_address == PROXY
    with BEHIND_ONE_PROXY:
        assert viewing_alice(cast, sign_in, HTTP_X_FORWARDED_FOR=spoofed).ip_address == "203.0.113.5"
