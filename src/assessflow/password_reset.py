"""Forgotten passwords: a one-off link by email that sets a new password and lifts the account's sign-in lock-outs.

The page answers the same whether or not an account uses the address, and the email is
sent by the background worker, so neither the words nor the time taken say who has an account.
Requests are counted: past an hourly limit for one email address, or from one client address,
no more links are sent, and the page still answers the same.
"""

import datetime

from axes.utils import reset as reset_sign_in_failures
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.contrib.auth.views import PasswordResetConfirmView, PasswordResetView
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import base36_to_int
from django.views.generic import TemplateView
from django_tasks import task

from assessflow.core.client_address import client_address
from assessflow.core.forms import GovukFormMixin
from assessflow.tenancy.forms import SetYourPasswordForm
from assessflow.tenancy.models import PasswordResetRequest

# Shorter than a new member's set-password link: this one is asked for, and used, there and then.
RESET_LINK_SECONDS = 60 * 60


class ResetLinkTokenGenerator(PasswordResetTokenGenerator):
    """One-off tokens (void once the password changes) that last an hour, not the 3 days of a setup link."""

    key_salt = "assessflow.password_reset.ResetLinkTokenGenerator"

    def check_token(self, user, token) -> bool:
        if not super().check_token(user, token):
            return False
        issued = base36_to_int(token.split("-")[0])
        return self._num_seconds(self._now()) - issued <= RESET_LINK_SECONDS


reset_link_tokens = ResetLinkTokenGenerator()


class ForgottenPasswordForm(GovukFormMixin, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["email"]
        field.label = "Email address"
        field.help_text = "The address you sign in with. If it has an account, we will email it a link"
        field.error_messages["required"] = "Enter your email address"
        field.error_messages["invalid"] = "Enter an email address like name@example.org"
        field.widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})


@task()
def send_reset_link(email: str, domain: str, use_https: bool) -> None:
    """Email each active account with a password at this address a link to reset it; nothing for an unknown one."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            token_generator=reset_link_tokens,
            subject_template_name="registration/password_reset_subject.txt",
            email_template_name="registration/password_reset_email.txt",
        )


def may_send_reset_link(email: str, address: str | None) -> bool:
    """Count this request; whether it is within the hour's limits for its email address and its client address."""
    now = timezone.now()
    hour_ago = now - datetime.timedelta(hours=1)
    email = email.strip().lower()
    with transaction.atomic():
        PasswordResetRequest.objects.filter(requested_at__lt=now - datetime.timedelta(days=1)).delete()
        recent = PasswordResetRequest.objects.filter(requested_at__gte=hour_ago)
        allowed = recent.filter(email=email).count() < settings.PASSWORD_RESET_EMAIL_LIMIT and (
            address is None or recent.filter(address=address).count() < settings.PASSWORD_RESET_ADDRESS_LIMIT
        )
        PasswordResetRequest.objects.create(email=email, address=address, requested_at=now)
    return allowed


class ForgottenPasswordView(PasswordResetView):
    template_name = "registration/password_forgotten.html"
    form_class = ForgottenPasswordForm
    success_url = reverse_lazy("password-reset-sent")

    def form_valid(self, form: forms.Form):
        email = form.cleaned_data["email"]
        if may_send_reset_link(email, client_address(self.request)):
            # The host is one ALLOWED_HOSTS accepted, so a forged Host header cannot point the link elsewhere.
            send_reset_link.enqueue(email, self.request.get_host(), self.request.is_secure())
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: forms.Form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ResetLinkSentView(TemplateView):
    template_name = "registration/password_reset_sent.html"


class ResetPasswordView(PasswordResetConfirmView):
    """Where the emailed link leads: a new password, then the account's sign-in failures are forgotten."""

    template_name = "registration/password_reset.html"
    form_class = SetYourPasswordForm
    token_generator = reset_link_tokens
    reset_url_token = "new-password"  # noqa: S105 - a URL segment, not a secret
    success_url = reverse_lazy("sign-in")
    post_reset_login = False

    def render_to_response(self, context, **kwargs):
        if not context.get("validlink"):
            kwargs["status"] = 404
        return super().render_to_response(context, **kwargs)

    def form_invalid(self, form: forms.Form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form: forms.Form):
        response = super().form_valid(form)
        # The owner has proved they hold the mailbox: lock-outs on the account, from anywhere, end now.
        reset_sign_in_failures(username=form.user.get_username())
        messages.success(self.request, "Your password is changed. Sign in with it to carry on")
        return response
