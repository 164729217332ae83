"""Staff sign-in: passwords, throttling, sessions that warn before they end, security headers."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from assessflow.conftest import PASSWORD

PROJECT = Path(__file__).resolve().parents[3]


def test_a_user_signs_in_with_their_email_in_any_case(cast, client):
    user = cast.member("assessor_a").user
    response = client.post(reverse("sign-in"), {"username": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_password_is_explained_in_an_error_summary(cast, client):
    user = cast.member("assessor_a").user
    response = client.post(reverse("sign-in"), {"username": user.email, "password": "wrong"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter a correct email address and password" in page
    assert page.count("<title>Error:") == 1


def test_repeated_failures_lock_the_account_for_a_while(cast, client):
    user = cast.member("assessor_a").user
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("sign-in"), {"username": user.email, "password": "wrong"})
    response = client.post(reverse("sign-in"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()


def test_signing_out_needs_a_post(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    assert client.get(reverse("sign-out")).status_code == 405
    assert client.post(reverse("sign-out")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_staying_signed_in_renews_the_session(cast, sign_in, settings):
    settings.SESSION_COOKIE_AGE = 600
    client = sign_in(cast.member("assessor_a"))
    key = client.session.session_key
    # Nearly over: half a minute left.
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + datetime.timedelta(seconds=30))
    response = client.post(reverse("session-extend"))
    assert response.status_code == 200
    assert response.json() == {"signed_in": True, "expires_in": 600}
    left = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert datetime.timedelta(seconds=590) < left <= datetime.timedelta(seconds=600)


def test_an_expired_session_cannot_be_extended(client, db):
    response = client.post(reverse("session-extend"))
    assert response.status_code == 401


def test_pages_tell_the_browser_when_the_session_will_end(cast, sign_in, settings):
    settings.SESSION_COOKIE_AGE = 600
    page = sign_in(cast.member("assessor_a")).get(reverse("home")).content.decode()
    assert 'data-session-idle-seconds="600"' in page
    assert 'id="timeout-dialog"' in page


def test_forms_that_hold_typing_are_saved_as_drafts(cast, sign_in):
    page = sign_in(cast.member("front_door_a")).get(reverse("people:new")).content.decode()
    assert 'data-autosave="person-new"' in page


def test_responses_carry_security_headers(client, db):
    response = client.get(reverse("sign-in"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_switch_off_browser_features_they_do_not_use(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    for response in (client.get(reverse("home")), client.get("/no-such-page/")):
        policy = {part.strip() for part in response["Permissions-Policy"].split(",")}
        assert {"camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"} <= policy


def _production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "ASSESSFLOW_ENV")}
    env.update(
        ASSESSFLOW_ENV="production",
        SECRET_KEY="x7$kq2!pZ9wL#mB4vR8tY1nC6hJ3fD0sG5aE-Uo_Ii+Kk=Qq^Ww*Ee(Rr)Tt",
        ALLOWED_HOSTS="assessflow.example",
        **extra,
    )
    return env


def test_production_settings_pass_the_deployment_checklist():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_hashes_passwords_with_argon2():
    code = "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='assessflow.settings'; django.setup(); {code}",
        ],
        cwd=PROJECT / "src",
        env=_production_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.parametrize("missing", ["SECRET_KEY"])
def test_production_refuses_to_start_without_a_secret_key(missing):
    env = _production_env()
    env.pop(missing)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=PROJECT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert missing in result.stderr
