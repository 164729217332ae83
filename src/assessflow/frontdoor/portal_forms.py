"""The referrer's online referral, a step at a time, then check your answers."""

from django import forms

from assessflow.core.forms import GovukFormMixin

from .models import Referral


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
