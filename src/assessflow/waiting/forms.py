"""Screening a referral, filtering a waiting list, and changing a priority."""

from django import forms

from assessflow.core.forms import GovukFormMixin, SubmissionIdField
from assessflow.frontdoor.models import Referral
from assessflow.frontdoor.transitions import SCREEN_OUT_REASONS, screen_out_reasons
from assessflow.tenancy.models import Team

from .models import KeepInTouchContact, Priority, WorkType
from .timescales import STATUTORY_DEADLINE

YES_NO_UNKNOWN = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known yet")]
DECISIONS = [
    (Referral.Status.WAITING_LIST, "Add to a waiting list"),
    (Referral.Status.CLOSED_ADVICE, "Close: information and advice given"),
    (Referral.Status.CLOSED_SIGNPOSTED, "Close: signposted to prevention or community support"),
    (Referral.Status.SCREENED_OUT, "Screen out"),
]


def _tristate(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class ScreeningForm(GovukFormMixin, forms.Form):
    at_risk = forms.ChoiceField(
        label="Is the person experiencing, or at risk of, abuse or neglect?",
        choices=YES_NO_UNKNOWN,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the person is at risk of abuse or neglect"},
    )
    lacks_capacity = forms.ChoiceField(
        label="Might the person lack capacity to refuse an assessment?",
        choices=YES_NO_UNKNOWN,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the person might lack capacity"},
    )
    decision = forms.ChoiceField(
        label="Decision", choices=DECISIONS, widget=forms.RadioSelect, error_messages={"required": "Select a decision"}
    )
    work_type = forms.ChoiceField(
        label="Which work is the person waiting for?",
        # A DoLS request is recorded as one (its statutory deadline runs from it), not screened from a referral.
        choices=[
            ("", "Choose"),
            *((value, label) for value, label in WorkType.choices if value not in STATUTORY_DEADLINE),
        ],
        error_messages={
            "required": "Choose the work the person is waiting for",
            "invalid_choice": "Choose the work the person is waiting for from the list",
        },
    )
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none(), required=False, empty_label="No team yet")
    priority = forms.ChoiceField(
        label="Priority",
        choices=Priority.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a priority"},
    )
    screen_out_reason = forms.ChoiceField(
        label="Why is it screened out?",
        choices=[("", "Choose"), *SCREEN_OUT_REASONS.items()],
        error_messages={"required": "Choose why the referral is screened out"},
    )
    note = forms.CharField(
        label="Reasons for the decision",
        help_text="For a waiting list, why this priority. This is kept with the decision",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reasons for the decision"},
    )

    reveals = {
        "decision": {
            Referral.Status.WAITING_LIST: ("work_type", "team", "priority"),
            Referral.Status.SCREENED_OUT: ("screen_out_reason",),
        }
    }

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation=council, is_active=True)
        if self.is_bound:
            # Once capacity and risk are answered, offer only the reasons that can stand (s.11(2)).
            offered = screen_out_reasons(
                lacks_capacity=_tristate(self.data.get("lacks_capacity", "")),
                at_risk=_tristate(self.data.get("at_risk", "")),
            )
            if self.data.get("screen_out_reason") == "declined":
                offered = SCREEN_OUT_REASONS  # kept, so clean() can say why it cannot stand
            self.fields["screen_out_reason"].choices = [("", "Choose"), *offered.items()]

    def clean(self):
        data = super().clean()
        reason = data.get("screen_out_reason")
        stands = screen_out_reasons(
            lacks_capacity=_tristate(data.get("lacks_capacity", "")), at_risk=_tristate(data.get("at_risk", ""))
        )
        if data.get("decision") == Referral.Status.SCREENED_OUT and reason and reason not in stands:
            self.add_error(
                "screen_out_reason",
                "A refusal stands only where you have recorded that the person has capacity to refuse and is not "
                "at risk of abuse or neglect. Otherwise choose another decision",
            )
        return data

    @property
    def risk_flags(self) -> dict:
        return {
            "lacks_capacity": _tristate(self.cleaned_data["lacks_capacity"]),
            "at_risk": _tristate(self.cleaned_data["at_risk"]),
        }


class ListFilterForm(GovukFormMixin, forms.Form):
    marks_optional = False
    work_type = forms.ChoiceField(label="Work", choices=[("", "All work"), *WorkType.choices], required=False)
    priority = forms.ChoiceField(label="Priority", choices=[("", "All priorities"), *Priority.choices], required=False)
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none(), required=False, empty_label="All teams")
    overdue = forms.BooleanField(label="Only those past their due date", required=False)
    sort = forms.ChoiceField(
        label="Order", choices=[("oldest", "Longest waiting first"), ("due", "Soonest due first")], required=False
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation=council)
        # A value from a hand-made link (another council's team, an unknown work type) is named, never ignored.
        for name, message in (
            ("work_type", "The work filter must be one of the kinds of work listed"),
            ("priority", "The priority filter must be one of the priorities listed"),
            ("team", "The team filter must be one of your council's teams"),
            ("sort", "The order must be longest waiting first or soonest due first"),
        ):
            self.fields[name].error_messages["invalid_choice"] = message


class ReprioritiseForm(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    priority = forms.ChoiceField(label="New priority", choices=Priority.choices, widget=forms.RadioSelect)
    rationale = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the priority changes"},
    )


class KeepInTouchForm(GovukFormMixin, forms.Form):
    submission_id = SubmissionIdField()
    method = forms.ChoiceField(
        label="How did you get in touch?",
        choices=KeepInTouchContact.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you got in touch"},
    )
    things_changed = forms.ChoiceField(
        label="Have things changed since they joined the list?",
        choices=YES_NO_UNKNOWN,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether things have changed"},
    )
    notes = forms.CharField(
        label="What they told you",
        help_text="Needed unless nothing has changed",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    outcome = forms.ChoiceField(
        label="What happens now?",
        choices=KeepInTouchContact.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happens now"},
    )
    new_priority = forms.ChoiceField(
        label="The new priority",
        choices=[("", "Choose"), *Priority.choices],
        error_messages={"required": "Choose the new priority"},
    )
    reveals = {"outcome": {KeepInTouchContact.Outcome.RAISE_PRIORITY: ("new_priority",)}}
    needed_for_some_answers = ("notes",)

    def clean(self):
        data = super().clean()
        if data.get("outcome") != KeepInTouchContact.Outcome.NO_CHANGE and not data.get("notes"):
            self.add_error("notes", "Enter what they told you")
        return data

    @property
    def things_changed_value(self) -> bool | None:
        return _tristate(self.cleaned_data["things_changed"])
