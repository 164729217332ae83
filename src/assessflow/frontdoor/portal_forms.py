"""The referrer's online referral, a step at a time, then check your answers."""

from django import forms

from assessflow.forms import GovukDateField, GovukDateWidget, GovukFormMixin
from assessflow.people.identity import is_valid_nhs_number, is_valid_postcode, normalise_nhs_number, normalise_postcode

from .models import Referral


class PortalPersonForm(GovukFormMixin, forms.Form):
    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the person's first name"}
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the person's last name"}
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        past_only=True,
        widget=GovukDateWidget(autocomplete_prefix="bday"),
        help_text="For example, 27 3 1947",
    )
    nhs_number = forms.CharField(
        label="NHS number", required=False, max_length=20, help_text="If you know it, like 485 777 3456"
    )
    address_line_1 = forms.CharField(
        label="Address line 1",
        max_length=200,
        error_messages={"required": "Enter the first line of the person's address"},
    )
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(
        label="Postcode", max_length=10, error_messages={"required": "Enter the person's postcode"}
    )
    phone = forms.CharField(label="Phone number", max_length=30, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].error_messages["required"] = "Enter the person's date of birth"

    def clean_nhs_number(self):
        value = self.cleaned_data["nhs_number"]
        if value and not is_valid_nhs_number(value):
            raise forms.ValidationError("Enter a valid NHS number, like 485 777 3456")
        return normalise_nhs_number(value)

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if not is_valid_postcode(value):
            raise forms.ValidationError("Enter a real postcode, like LU1 2BQ")
        return normalise_postcode(value)


class PortalReferralForm(GovukFormMixin, forms.Form):
    source = forms.ChoiceField(
        label="Who is making the referral?",
        choices=[c for c in Referral.Source.choices if c[0] not in (Referral.Source.SELF, Referral.Source.FAMILY)],
        widget=forms.RadioSelect,
        error_messages={"required": "Select who is making the referral"},
    )
    reason = forms.CharField(
        label="What is happening, and what help do they need?",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what is happening and what help they need"},
    )
    urgency = forms.ChoiceField(
        label="How urgent is it?", choices=Referral.Urgency.choices, widget=forms.RadioSelect, initial="routine"
    )
    consent_to_referral = forms.ChoiceField(
        label="Does the person agree to this referral?",
        choices=[("yes", "Yes"), ("no", "No, or they could not be asked")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the person agrees to the referral"},
    )
    consent_to_share_outcome = forms.ChoiceField(
        label="Does the person agree to us telling you the outcome?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether we may tell you the outcome"},
    )
