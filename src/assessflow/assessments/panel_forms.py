"""The funding panel's decision form, and the form that produces an assessment's letters."""

from django import forms

from assessflow.core.forms import GovukFormMixin, SubmissionIdField

from .models import PanelDecision

Decision = PanelDecision.Decision


class PanelDecisionForm(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="The panel's decision",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the panel's decision"},
    )
    changes = forms.CharField(
        label="The changes the panel requires",
        help_text="What must change in the plan, and by when",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the changes the panel requires"},
    )
    reasons = forms.CharField(
        label="The panel's reasons",
        help_text="The assessor reads these; for a plan returned to re-plan, say what the new plan must do",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the panel's reasons"},
    )
    reveals = {"decision": {Decision.APPROVED_WITH_CHANGES: ("changes",)}}


class LetterForm(GovukFormMixin, forms.Form):
    large_print = forms.BooleanField(label="Large print", required=False)
    submission_id = SubmissionIdField()
