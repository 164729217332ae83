"""Recording a contact or referral at the front door."""

from django import forms

from assessflow import cld
from assessflow.core.forms import GovukFormMixin, SubmissionIdField

from .models import Referral


class ReferralForm(GovukFormMixin, forms.ModelForm):
    submission_id = SubmissionIdField()
    route_of_access = forms.ChoiceField(
        label="Route of access",
        required=False,
        choices=[("", "Work it out from who it came from"), *cld.choices("route_of_access")],
    )

    class Meta:
        model = Referral
        fields = (
            "kind",
            "channel",
            "source",
            "referrer_name",
            "referrer_contact",
            "reason",
            "urgency",
            "route_of_access",
            "consent_to_referral",
            "consent_to_share_outcome",
        )
        widgets = {
            "kind": forms.RadioSelect,
            "source": forms.RadioSelect,
            "urgency": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {"kind": "Is this a contact or a referral?"}
        help_texts = {"referrer_name": "Leave blank if the person contacted us themselves"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [
            c for c in Referral.Channel.choices if c[0] not in (Referral.Channel.PORTAL, Referral.Channel.IMPORT)
        ]
        for name, message in (
            ("kind", "Select contact or referral"),
            ("source", "Select who it came from"),
            ("reason", "Enter what is happening and what help is asked for"),
        ):
            self.fields[name].error_messages["required"] = message

    def _post_clean(self):
        # The service builds and checks the referral; the form only parses.
        return
