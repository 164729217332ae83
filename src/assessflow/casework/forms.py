"""Forms for notes, documents, tasks, warnings, letters and the council's casework settings."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone

from assessflow.core.forms import GovukDateField, GovukFormMixin, SubmissionIdField
from assessflow.tenancy.models import Team, User

from .merge import MERGE_FIELDS
from .models import CaseworkSettings, Document, LetterTemplate, Note, PersonWarning


class NoteForm(GovukFormMixin, forms.Form):
    submission_id = SubmissionIdField()
    note_type = forms.ChoiceField(
        label="Type of note",
        choices=Note.Type.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of note"},
    )
    occurred_on = GovukDateField(label="Date it happened", past_only=True, help_text="For example, 27 11 2026")
    occurred_time = forms.TimeField(
        label="Time it happened",
        required=False,
        help_text="Use the 24-hour clock, for example 14:30. Leave blank for now",
        error_messages={"invalid": "Enter a real time, like 09:15 or 14:30"},
    )
    text = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 8}), error_messages={"required": "Enter the note"}
    )
    significant = forms.BooleanField(label="This is a significant event (it goes in the chronology)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].error_messages["required"] = "Enter the date it happened"
        self.fields["occurred_time"].widget.attrs["class"] = "govuk-input govuk-input--width-5"

    def occurred_at(self) -> datetime.datetime:
        """The date and time given; with no time, now for today and midday for an earlier day."""
        day, moment = self.cleaned_data["occurred_on"], self.cleaned_data.get("occurred_time")
        if moment is None:
            if day == timezone.localdate():
                return timezone.now()
            moment = datetime.time(12, 0)
        return timezone.make_aware(datetime.datetime.combine(day, moment))

    def clean(self):
        data = super().clean()
        if data.get("occurred_on") and not self.errors and self.occurred_at() > timezone.now():
            self.add_error("occurred_time", "The time it happened must be in the past")
        return data


class NoteEditForm(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 8}), error_messages={"required": "Enter the note"}
    )
    significant = forms.BooleanField(label="This is a significant event (it goes in the chronology)", required=False)


class AmendmentForm(GovukFormMixin, forms.Form):
    submission_id = SubmissionIdField()
    text = forms.CharField(
        label="Correction",
        help_text="The original note stays on the record beside your correction",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the correction"},
    )


class ReasonForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Enter the reason"}
    )


class DocumentForm(GovukFormMixin, forms.Form):
    submission_id = SubmissionIdField()
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title for the document"}
    )
    category = forms.ChoiceField(
        label="Category", choices=[c for c in Document.Category.choices if c[0] != Document.Category.LETTER]
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="A PDF, image, Word or OpenDocument file, or a saved email",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )


def _case_workers(person):
    """Staff of the person's council, and of any provider their case is handed to."""
    providers = person.handovers.filter(ended_at__isnull=True).values_list("contract__provider_id", flat=True)
    orgs = Q(memberships__organisation_id=person.council_id) | Q(memberships__organisation_id__in=list(providers))
    return (
        User.objects.filter(orgs, memberships__is_active=True, is_active=True)
        .exclude(memberships__role__in=["citizen", "referrer"])
        .distinct()
        .order_by("full_name")
    )


class OwnerFields(forms.Form):
    assigned_to = forms.ModelChoiceField(
        label="Worker", queryset=User.objects.none(), required=False, empty_label="No one in particular"
    )
    assigned_team = forms.ModelChoiceField(
        label="Or a team", queryset=Team.objects.none(), required=False, empty_label="No team"
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = _case_workers(person)
        providers = person.handovers.filter(ended_at__isnull=True).values_list("contract__provider_id", flat=True)
        self.fields["assigned_team"].queryset = Team.objects.filter(
            Q(organisation_id=person.council_id) | Q(organisation_id__in=list(providers)), is_active=True
        )

    def clean(self):
        data = super().clean()
        if not data.get("assigned_to") and not data.get("assigned_team"):
            self.add_error("assigned_to", "Choose a worker or a team")
        return data


class TaskForm(GovukFormMixin, OwnerFields):
    submission_id = SubmissionIdField()
    title = forms.CharField(
        label="What needs doing", max_length=200, error_messages={"required": "Enter what needs doing"}
    )
    details = forms.CharField(label="Details", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    due_on = GovukDateField(label="Due date", help_text="For example, 4 12 2026")

    field_order = ["submission_id", "title", "details", "due_on", "assigned_to", "assigned_team"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].error_messages["required"] = "Enter the due date"


class ReassignForm(GovukFormMixin, OwnerFields):
    pass


class CloseTaskForm(GovukFormMixin, forms.Form):
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class WarningForm(GovukFormMixin, forms.Form):
    submission_id = SubmissionIdField()
    warning_type = forms.ChoiceField(
        label="Type of warning",
        choices=PersonWarning.Type.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of warning"},
    )
    note = forms.CharField(
        label="What workers need to know",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what workers need to know"},
    )
    review_on = GovukDateField(
        label="Review date", help_text="The warning stops showing after this date unless renewed"
    )

    def clean_review_on(self):
        review_on = self.cleaned_data["review_on"]
        if review_on and review_on < timezone.localdate():
            raise forms.ValidationError("The review date must be today or in the future")
        return review_on


class LetterForm(GovukFormMixin, forms.Form):
    # Minted for the preview and carried by its "create" button, so a double click files one letter.
    submission_id = SubmissionIdField(required=False)
    template = forms.ModelChoiceField(label="Letter", queryset=LetterTemplate.objects.none(), empty_label=None)
    large_print = forms.BooleanField(label="Large print", required=False)

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates


class LetterSentForm(GovukFormMixin, forms.Form):
    how = forms.ChoiceField(
        label="How was it sent?",
        choices=Document.Sending.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the letter was sent"},
    )
    sent_on = GovukDateField(label="Date it was sent", past_only=True, help_text="For example, 27 11 2026")

    def __init__(self, *args, letter: Document, **kwargs):
        kwargs.setdefault("initial", {"sent_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.letter = letter

    def clean_sent_on(self):
        sent_on = self.cleaned_data["sent_on"]
        if sent_on and sent_on < timezone.localdate(self.letter.uploaded_at):
            raise forms.ValidationError("The date it was sent cannot be before the letter was filed")
        return sent_on

    def sent_at(self) -> datetime.datetime:
        """Now for today; midday for an earlier day, as for a note with no time."""
        day = self.cleaned_data["sent_on"]
        if day == timezone.localdate():
            return timezone.now()
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


class LetterTemplateForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ("name", "kind", "subject", "body")
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    merge_fields = MERGE_FIELDS

    def _post_clean(self):
        # The service checks merge fields and saves; the form only parses.
        return


class CaseworkSettingsForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = CaseworkSettings
        fields = ("note_edit_window_hours", "max_upload_mb", "letter_address", "letter_phone", "letter_email")
        widgets = {"letter_address": forms.Textarea(attrs={"rows": 4})}
