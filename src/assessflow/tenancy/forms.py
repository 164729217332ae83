"""Forms for adding people to an organisation and setting a password."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from assessflow.core.forms import GovukFormMixin

from .models import Organisation, Team
from .roles import ROLES_BY_KIND, Qualification, Role

# Public-side roles are given by their own routes (referrer and citizen accounts), not here.
STAFF_CHOICES_EXCLUDED = {Role.CITIZEN, Role.REFERRER}


class AddMemberForm(GovukFormMixin, forms.Form):
    full_name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(label="Email address", help_text="They will sign in with this")
    role = forms.ChoiceField(label="Role", widget=forms.RadioSelect)
    qualification = forms.ChoiceField(
        label="Qualification", required=False, help_text="For assessors only", choices=[("", "Not an assessor")]
    )
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none(), required=False, empty_label="No team")

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ROLES_BY_KIND[organisation.kind] - STAFF_CHOICES_EXCLUDED
        self.fields["role"].choices = [(value, label) for value, label in Role.choices if value in allowed]
        self.fields["qualification"].choices = [("", "Not an assessor"), *Qualification.choices]
        self.fields["team"].queryset = Team.objects.filter(organisation=organisation, is_active=True)
        self.fields["full_name"].error_messages["required"] = "Enter their full name"
        self.fields["email"].error_messages["required"] = "Enter their email address"
        self.fields["email"].error_messages["invalid"] = "Enter an email address like name@example.org"
        self.fields["role"].error_messages["required"] = "Select their role"
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.ASSESSOR and not data.get("qualification"):
            self.add_error("qualification", "Select the assessor's qualification")
        if data.get("role") and data.get("role") != Role.ASSESSOR and data.get("qualification"):
            self.add_error("qualification", "Only assessors have a qualification here: choose Not an assessor")
        return data


class SetYourPasswordForm(GovukFormMixin, SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Create a password"
        self.fields["new_password1"].help_text = "At least 12 characters. A few unrelated words make a strong password"
        self.fields["new_password2"].label = "Type the password again"
