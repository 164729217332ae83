"""The questions of each section of an assessment, in GOV.UK form style, and how each answer is stored."""

from django import forms

from assessflow.core.forms import GovukFormMixin, yes_no

from .eligibility import ADULT_OUTCOMES, ADULT_WAYS, CARER_OUTCOMES, CARER_WAYS, WAY_WORDS, WELLBEING_AREAS, Way
from .models import Assessment, Method, Term

SHORT, LONG = 200, 4000  # the limits of a short answer and of a long one, named in their errors


def long_text(label: str, *, message: str = "", help_text: str = "", limit: int = LONG) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=bool(message),
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": message} if message else {},
    )


def _as_radio(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


class SectionForm(GovukFormMixin, forms.Form):
    """One section: `version` is the assessment's version the form was opened on, so a save never overwrites a
    later one. Its fields are named as the assessment, its `answers` or its `carer` answers name them."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    model_fields: tuple[str, ...] = ()
    answer_keys: tuple[str, ...] = ()
    carer_keys: tuple[str, ...] = ()

    def __init__(self, *args, assessment: Assessment, **kwargs):
        self.assessment = assessment
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_for(cls, assessment: Assessment) -> dict:
        initial = {"version": assessment.version}
        for name in cls.model_fields:
            value = getattr(assessment, f"{name}_id" if name == "cared_for" else name)
            initial[name] = _as_radio(value)
        for key in cls.answer_keys:
            initial[key] = _as_radio(assessment.answers.get(key))
        for key in cls.carer_keys:
            initial[key] = _as_radio(assessment.carer.get(key))
        return initial

    def answers_shown(self) -> list[tuple[str, str]]:
        """Each question with its recorded answer in words, for the read-only summary and a conflict's "saved" side."""
        shown = []
        for bound in self.visible_fields():
            value = self.initial.get(bound.name)
            labels = dict(getattr(bound.field, "choices", ()) or ())
            if isinstance(value, (list, tuple)):
                words = "; ".join(str(labels.get(v, v)) for v in value) or "None"
            elif value in (None, ""):
                words = "Not answered"
            elif value is True:
                words = "Yes"
            elif value is False:
                words = "No"
            else:
                words = str(labels.get(value, labels.get(str(value), value)))
            shown.append((str(bound.label), words))
        return shown

    def changes(self) -> tuple[dict, dict, dict]:
        data = self.cleaned_data
        return (
            {name: data[name] for name in self.model_fields},
            {key: data[key] for key in self.answer_keys},
            {key: data[key] for key in self.carer_keys},
        )


TOOK_PART = [
    ("person", "The person"),
    ("carer", "A carer"),
    ("family", "Family or friends"),
    ("advocate", "An independent advocate"),
    ("professional", "Another professional"),
]


class HowForm(SectionForm):
    model_fields = (
        "method",
        "term",
        "took_part",
        "substantial_difficulty",
        "appropriate_person",
        "advocate",
        "capacity_to_take_part",
        "what_matters",
        "strengths",
        "networks",
    )
    method = forms.ChoiceField(
        label="How was the assessment done?",
        choices=Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the assessment was done"},
    )
    term = forms.ChoiceField(
        label="Was the assessment for short-term or long-term support?",
        choices=Term.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the assessment was for short-term or long-term support"},
    )
    took_part = forms.MultipleChoiceField(
        label="Who took part?",
        choices=TOOK_PART,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select who took part"},
    )
    substantial_difficulty = yes_no(
        "Does the person have substantial difficulty in being involved?",
        "Select whether the person has substantial difficulty in being involved",
        help_text="In understanding, keeping or weighing information, or in saying what they think (Care Act s.67)",
    )
    appropriate_person = forms.CharField(
        label="Who is the appropriate person to support them?",
        help_text="Leave empty if there is no one suitable who is willing to do it",
        required=False,
        max_length=SHORT,
    )
    advocate = forms.CharField(
        label="Independent advocate", help_text="Their name and organisation", required=False, max_length=SHORT
    )
    capacity_to_take_part = long_text("The person's capacity to take part")
    what_matters = long_text("What matters to the person", message="Enter what matters to the person")
    strengths = long_text("Their strengths and abilities")
    networks = long_text("Their own networks and community support")
    reveals = {"substantial_difficulty": {"yes": ("appropriate_person", "advocate")}}

    def clean(self):
        data = super().clean()
        if "advocate" in (data.get("took_part") or []) and not data.get("advocate"):
            self.add_error("advocate", "Enter the independent advocate's name, as an advocate took part")
        return data


def _way_choices(ways, whose: str):
    return [
        (
            way.value,
            WAY_WORDS[way][:1].upper()
            + WAY_WORDS[way][1:]
            + (f" of {whose} or of others" if way is Way.ENDANGERS else ""),
        )
        for way in ways
    ]


class OutcomesForm(SectionForm):
    """Each outcome of reg 2(2) (or, for a carer, reg 3(2)(b)): the ways the person is unable to achieve it; none
    ticked means they achieve it."""

    answer_keys = ("outcomes", "carer_meets_needs")

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, assessment=assessment, **kwargs)
        carer = assessment.is_carers
        outcomes = CARER_OUTCOMES if carer else ADULT_OUTCOMES
        choices = _way_choices(CARER_WAYS, "the carer") if carer else _way_choices(ADULT_WAYS, "the adult")
        for key, words in outcomes.items():
            self.fields[f"outcome_{key}"] = forms.MultipleChoiceField(
                label=words[:1].upper() + words[1:],
                help_text="Leave every box empty if they achieve this outcome",
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
            self.initial.setdefault(f"outcome_{key}", assessment.answers.get("outcomes", {}).get(key, []))
        if not carer:
            self.fields["carer_meets_needs"] = yes_no(
                "Does a carer meet some of these needs today?",
                "Select whether a carer meets some of these needs today",
                help_text=(
                    "Answer the outcomes as if that care were not given: the regulations ignore it in deciding "
                    "eligibility. Whether the carer is willing and able to go on is asked when the plan is made."
                ),
            )
            self.initial.setdefault("carer_meets_needs", _as_radio(assessment.answers.get("carer_meets_needs")))

    def changes(self):
        data = self.cleaned_data
        outcomes = {
            name.removeprefix("outcome_"): ways for name, ways in data.items() if name.startswith("outcome_") and ways
        }
        return {}, {"outcomes": outcomes, "carer_meets_needs": data.get("carer_meets_needs")}, {}


class ImpairmentForm(SectionForm):
    answer_keys = ("impairment_or_illness",)
    impairment_or_illness = yes_no(
        "Do the needs arise from, or are they related to, a physical or mental impairment or illness?",
        "Select whether the needs arise from or are related to an impairment or illness",
        help_text="A diagnosis is not needed (reg 2(1)(a))",
    )


class WellbeingForm(SectionForm):
    answer_keys = ("wellbeing", "significant_impact")

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, assessment=assessment, **kwargs)
        for key, words in WELLBEING_AREAS.items():
            self.fields[f"wellbeing_{key}"] = long_text(f"Impact on {words}", limit=1000)
            self.initial.setdefault(f"wellbeing_{key}", assessment.answers.get("wellbeing", {}).get(key, ""))
        whose = "the carer's" if assessment.is_carers else "the person's"
        self.fields["significant_impact"] = yes_no(
            f"As a consequence of the needs, is there, or is there likely to be, a significant impact on {whose} "
            "wellbeing?",
            "Select whether there is a significant impact on wellbeing",
        )
        self.initial.setdefault("significant_impact", _as_radio(assessment.answers.get("significant_impact")))

    def changes(self):
        data = self.cleaned_data
        wellbeing = {key: data[f"wellbeing_{key}"] for key in WELLBEING_AREAS if data.get(f"wellbeing_{key}")}
        return {}, {"wellbeing": wellbeing, "significant_impact": data["significant_impact"]}, {}


class FluctuatingForm(SectionForm):
    answer_keys = ("fluctuating", "period_considered")
    fluctuating = yes_no("Do the needs fluctuate?", "Select whether the needs fluctuate")
    period_considered = forms.CharField(
        label="Over what period were the needs considered?",
        help_text="For example, the last 3 months; the answers then describe that period",
        required=False,
        max_length=SHORT,
    )
    reveals = {"fluctuating": {"yes": ("period_considered",)}}
    needed_for_some_answers = ("period_considered",)

    def clean(self):
        data = super().clean()
        if data.get("fluctuating") and not (data.get("period_considered") or "").strip():
            self.add_error("period_considered", "Enter the period over which the needs were considered")
        return data

    def changes(self):
        data = self.cleaned_data
        period = data.get("period_considered") if data.get("fluctuating") else None
        return {}, {"fluctuating": data["fluctuating"], "period_considered": period}, {}


class CaredForForm(SectionForm):
    model_fields = ("cared_for", "combined")
    combined = forms.BooleanField(
        label="The person cared for and the carer both agreed to a combined assessment", required=False
    )

    def __init__(self, *args, assessment: Assessment, people=(), **kwargs):
        super().__init__(*args, assessment=assessment, **kwargs)
        self.people = {p.pk: p for p in people}
        self.fields["cared_for"] = forms.TypedChoiceField(
            label="Who does the carer care for?",
            help_text="Their carer's assessment is made whether or not this person is eligible",
            choices=[(p.pk, p.full_name) for p in people],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": "Select the person cared for"},
        )
        self.order_fields(["cared_for", "combined"])

    def changes(self):
        data = self.cleaned_data
        return {"cared_for": self.people[data["cared_for"]], "combined": data["combined"]}, {}, {}


class HealthForm(SectionForm):
    answer_keys = ("caring_for_adult", "health_deteriorating_or_at_risk")
    caring_for_adult = yes_no(
        "Do the carer's needs arise because they provide necessary care for an adult?",
        "Select whether the needs arise from providing necessary care for an adult",
    )
    health_deteriorating_or_at_risk = yes_no(
        "Is the carer's physical or mental health deteriorating, or at risk of deteriorating?",
        "Select whether the carer's health is deteriorating or at risk",
    )


class CaringForm(SectionForm):
    carer_keys = ("willing_and_able", "willing_and_able_detail", "hours_a_week", "adults_cared_for")
    willing_and_able = forms.ChoiceField(
        label="Is the carer willing and able to go on caring?",
        choices=[
            ("yes", "Willing and able to go on"),
            ("some", "Willing and able to go on with some of the care only"),
            ("no", "Not willing, or not able, to go on"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the carer is willing and able to go on caring"},
    )
    willing_and_able_detail = long_text("What the carer said about going on caring")
    hours_a_week = forms.IntegerField(
        label="Hours of care a week",
        min_value=0,
        max_value=168,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter the hours of care the carer gives a week",
            "invalid": "Hours of care a week must be a whole number",
            "min_value": "Hours of care a week must be 0 or more",
            "max_value": "Hours of care a week must be 168 or fewer",
        },
    )
    adults_cared_for = forms.IntegerField(
        label="How many adults does the carer care for?",
        min_value=1,
        max_value=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "invalid": "The number of adults cared for must be a whole number",
            "min_value": "The number of adults cared for must be 1 or more",
            "max_value": "The number of adults cared for must be 20 or fewer",
        },
    )


class AdviceForm(SectionForm):
    model_fields = ("advice_given", "prevention_offer")
    advice_given = long_text("Information and advice given")
    prevention_offer = long_text("What was offered to prevent or delay needs")

    def __init__(self, *args, assessment: Assessment, eligible: bool | None = None, **kwargs):
        super().__init__(*args, assessment=assessment, **kwargs)
        self.no_eligible_needs = eligible is False
        if self.no_eligible_needs:
            self.fields["advice_given"].required = True
            self.fields["advice_given"].error_messages["required"] = (
                "Enter the information and advice given: no needs are eligible"
            )


class JudgementForm(SectionForm):
    model_fields = ("professional_judgement",)
    professional_judgement = long_text(
        "Your professional judgement, with your reasons",
        help_text="Quality assurance reads this beside the determination. It does not change the determination.",
    )


FORMS: dict[str, type[SectionForm]] = {
    "how": HowForm,
    "cared-for": CaredForForm,
    "health": HealthForm,
    "impairment": ImpairmentForm,
    "outcomes": OutcomesForm,
    "wellbeing": WellbeingForm,
    "fluctuating": FluctuatingForm,
    "caring": CaringForm,
    "advice": AdviceForm,
    "judgement": JudgementForm,
}
