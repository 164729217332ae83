"""Forms for finding, adding and changing person records, and their relationships."""

from django import forms

from assessflow import cld
from assessflow.core.forms import GovukDateField, GovukDateWidget, GovukFormMixin, SubmissionIdField

from .fields import (
    CONFIRM_DATE_OF_BIRTH,
    NHS_NUMBER_HELP,
    NhsNumberField,
    PhoneNumberField,
    ask_to_confirm_unlikely_age,
    confirm_date_of_birth_field,
)
from .identity import is_valid_postcode
from .models import Person, Relationship
from .services import EDITABLE_FIELDS


class PersonSearchForm(GovukFormMixin, forms.Form):
    marks_optional = False
    nhs_number = NhsNumberField()
    given_name = forms.CharField(label="First name", required=False, max_length=100)
    family_name = forms.CharField(label="Last name", required=False, max_length=100)
    date_of_birth = GovukDateField(label="Date of birth", required=False, help_text="For example, 27 3 1947")

    def clean(self):
        data = super().clean()
        has_name = data.get("family_name") and (data.get("given_name") or data.get("date_of_birth"))
        if not self.errors and not data.get("nhs_number") and not has_name:
            self.add_error(
                "family_name",
                "Enter an NHS number, or a last name with a first name or date of birth",
            )
        return data


def _cld_choice(field: str, label: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, required=False, help_text=help_text, choices=[("", "Not recorded"), *cld.choices(field)]
    )


class PersonForm(GovukFormMixin, forms.ModelForm):
    date_of_birth = GovukDateField(
        label="Date of birth",
        past_only=True,
        widget=GovukDateWidget(autocomplete_prefix="bday"),
        help_text="For example, 27 3 1947",
    )
    confirm_date_of_birth = confirm_date_of_birth_field()
    nhs_number = NhsNumberField(help_text=NHS_NUMBER_HELP + ". Leave blank if not known.")
    phone = PhoneNumberField()
    date_of_death = GovukDateField(label="Date of death", past_only=True, required=False)
    gender = _cld_choice("gender", "Gender")
    ethnicity = _cld_choice("ethnicity", "Ethnicity")
    client_type = _cld_choice("client_type", "Client type")
    primary_support_reason = _cld_choice("primary_support_reason", "Primary support reason")
    accommodation_status = _cld_choice("accommodation_status", "Accommodation")
    employment_status = _cld_choice("employment_status", "Employment")
    has_unpaid_carer = _cld_choice("has_unpaid_carer", "Has an unpaid carer")
    autism_spectrum_disorder = _cld_choice("autism_spectrum_disorder", "Autism")
    visual_impairment = _cld_choice("visual_impairment", "Visual impairment")
    hearing_impairment = _cld_choice("hearing_impairment", "Hearing impairment")
    dementia = _cld_choice("dementia", "Dementia")

    fieldsets = (
        (
            "Name and identity",
            (
                "title",
                "given_name",
                "family_name",
                "preferred_name",
                "date_of_birth",
                CONFIRM_DATE_OF_BIRTH,
                "nhs_number",
            ),
        ),
        ("Address and contact details", ("address_line_1", "address_line_2", "town", "postcode", "phone", "email")),
        ("Communication", ("communication_needs", "interpreter_language")),
        (
            "About the person",
            (
                "gender",
                "ethnicity",
                "client_type",
                "primary_support_reason",
                "accommodation_status",
                "employment_status",
                "has_unpaid_carer",
                "autism_spectrum_disorder",
                "visual_impairment",
                "hearing_impairment",
                "dementia",
                "gp_practice_name",
                "gp_practice_code",
                "date_of_death",
            ),
        ),
    )

    class Meta:
        model = Person
        fields = EDITABLE_FIELDS
        help_texts = {
            "communication_needs": "For example, uses British Sign Language, needs easy read letters, or large print",
            "preferred_name": "What they like to be called, if different",
        }
        widgets = {"communication_needs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sizes = {"title": 5, "postcode": 10, "gp_practice_code": 10}
        for name, width in sizes.items():
            self.fields[name].widget.attrs["class"] += f" govuk-input--width-{width}"
        autocomplete = {
            "given_name": "given-name",
            "family_name": "family-name",
            "address_line_1": "address-line1",
            "address_line_2": "address-line2",
            "town": "address-level2",
            "postcode": "postal-code",
            "email": "email",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["given_name"].error_messages["required"] = "Enter the person's first name"
        self.fields["family_name"].error_messages["required"] = "Enter the person's last name"
        self.fields["date_of_birth"].error_messages["required"] = "Enter the person's date of birth"

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"]
        if postcode and not is_valid_postcode(postcode):
            raise forms.ValidationError("Enter a real postcode, like LU1 2BQ")
        return postcode

    def clean(self):
        data = super().clean()
        saved = self.instance.date_of_birth if self.instance.pk else None
        ask_to_confirm_unlikely_age(self, as_at=data.get("date_of_death"), saved=saved)
        return data

    def _post_clean(self):
        # Leave the instance untouched: the service compares it with the cleaned values to
        # find what changed, then runs the model's checks on the tidied values itself.
        return


class NewPersonForm(PersonForm):
    submission_id = SubmissionIdField()
    confirm_new = forms.BooleanField(required=False, label="None of these is the person: create a new record")


class EditPersonForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RelationshipForm(GovukFormMixin, forms.ModelForm):
    submission_id = SubmissionIdField()
    related_nhs_number = NhsNumberField(
        label="Their NHS number, if they are known to the council",
        help_text="Links this relationship to their own record",
    )
    phone = PhoneNumberField()

    class Meta:
        model = Relationship
        fields = ("kind", "name", "phone", "email", "provides_unpaid_care", "is_main_contact", "notes")
        widgets = {"kind": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "kind": "How are they related?",
            "name": "Full name",
            "provides_unpaid_care": "They provide unpaid care to the person",
            "is_main_contact": "They are the main contact",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Relationship.Kind.choices
        self.fields["kind"].error_messages["required"] = "Select how they are related"

    def clean(self):
        data = super().clean()
        if not data.get("name") and not data.get("related_nhs_number"):
            self.add_error("name", "Enter their full name")
        return data
