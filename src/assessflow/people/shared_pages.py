"""What other apps' pages borrow from people, so that none of them imports people's own forms or views.

The person as someone outside the council knows them (the referrer's portal and the safeguarding concern
portal ask the same questions), and the page that stands in front of a restricted record, a person's or a
safeguarding record of theirs, with the form that breaks the glass.
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from assessflow.core.forms import GovukDateField, GovukDateWidget, GovukFormMixin
from assessflow.tenancy.permissions import may

from . import restrictions
from .fields import (
    CONFIRM_DATE_OF_BIRTH,
    NhsNumberField,
    PhoneNumberField,
    ask_to_confirm_unlikely_age,
    confirm_date_of_birth_field,
)
from .identity import is_valid_postcode, normalise_postcode


class PortalPersonForm(GovukFormMixin, forms.Form):
    """Who a referral or concern from outside the council is about, as the referrer knows them."""

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
    confirm_date_of_birth = confirm_date_of_birth_field()
    nhs_number = NhsNumberField(help_text="If you know it, like 485 777 3456")
    address_line_1 = forms.CharField(
        label="Address line 1",
        max_length=200,
        error_messages={"required": "Enter the first line of the person's address"},
    )
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(
        label="Postcode", max_length=10, error_messages={"required": "Enter the person's postcode"}
    )
    phone = PhoneNumberField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].error_messages["required"] = "Enter the person's date of birth"

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if not is_valid_postcode(value):
            raise forms.ValidationError("Enter a real postcode, like LU1 2BQ")
        return normalise_postcode(value)

    def clean(self):
        data = super().clean()
        ask_to_confirm_unlikely_age(self)
        return data

    @property
    def person_details(self) -> dict:
        """The cleaned answers about the person, without the form's own confirmation box."""
        return {k: v for k, v in self.cleaned_data.items() if k != CONFIRM_DATE_OF_BIRTH}


class BreakGlassForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        help_text="This is logged and the record's manager is told at once",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you need to open this record"},
    )


def restricted_page(
    request: HttpRequest, restricted: restrictions.RestrictedRecord, form=None, status: int = 403
) -> HttpResponse:
    may_break = not restricted.read_only and may(request.membership, "people.break_glass", restricted.person)
    return render(
        request,
        "people/restricted.html",
        {"restricted": restricted, "form": form or BreakGlassForm(), "may_break_glass": may_break},
        status=status,
    )
