"""GOV.UK Design System forms: the renderer, a mixin that styles fields, and the date input pattern."""

import datetime
import uuid
from typing import TYPE_CHECKING

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.utils import pretty_name
from django.utils.functional import Promise

from .digits import fold_digits, has_other_digits, is_digits

WIDGET_CLASSES: dict[type[forms.Widget], str] = {
    forms.TextInput: "govuk-input",
    forms.EmailInput: "govuk-input",
    forms.NumberInput: "govuk-input",
    forms.PasswordInput: "govuk-input",
    forms.Select: "govuk-select",
    forms.Textarea: "govuk-textarea",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.FileInput: "govuk-file-upload",
    forms.ClearableFileInput: "govuk-file-upload",
}


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


class GovukDateWidget(forms.MultiWidget):
    template_name = "govuk/widgets/date.html"

    def __init__(self, attrs=None, autocomplete_prefix: str = ""):
        self.autocomplete_prefix = autocomplete_prefix
        super().__init__(
            [
                forms.TextInput(
                    attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}
                ),
                forms.TextInput(
                    attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}
                ),
                forms.TextInput(
                    attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-4"}
                ),
            ],
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["has_error"] = getattr(self, "has_error", False)
        for subwidget, label, part in zip(
            context["widget"]["subwidgets"], ("Day", "Month", "Year"), ("day", "month", "year"), strict=True
        ):
            subwidget["label"] = label
            if self.autocomplete_prefix:
                subwidget["attrs"]["autocomplete"] = f"{self.autocomplete_prefix}-{part}"
        return context


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with the error messages the GOV.UK pattern asks for."""

    widget = GovukDateWidget

    def __init__(self, *, past_only: bool = False, **kwargs):
        self.past_only = past_only
        # The parts are checked together in compress(), which can say which part is missing.
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(fields=fields, require_all_fields=False, **kwargs)
        if self.label:
            self.error_messages["required"] = f"Enter the {str(self.label).lower()}"

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        label = (self.label or "Date").capitalize()
        # Full-width digits are read as 0 to 9; any other kind of digit is refused (see assessflow.core.digits).
        day, month, year = (fold_digits(str(part or "")).strip() for part in data_list)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise forms.ValidationError(f"{label} must include a {' and '.join(missing)}")
        if any(map(has_other_digits, (day, month, year))):
            raise forms.ValidationError(f"{label} must be written with the digits 0 to 9")
        if not (is_digits(day) and is_digits(month) and is_digits(year)) or len(year) != 4:
            raise forms.ValidationError(f"{label} must be a real date")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{label} must be a real date") from None
        if self.past_only and value > datetime.date.today():
            raise forms.ValidationError(f"{label} must be in the past")
        return value


def yes_no(label: str, message: str, *, required: bool = True, help_text: str = "") -> forms.TypedChoiceField:
    """A yes-or-no question as radios, answered as True or False (None when it was not asked)."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        empty_value=None,
        widget=forms.RadioSelect,
        required=required,
        error_messages={"required": message},
    )


def too_long_message(label: str | Promise, limit: int) -> str:
    """The GOV.UK message for an answer over its limit, naming the answer and the limit."""
    label = str(label).strip()
    if label.endswith("?"):  # "Where did it happen? must be..." reads badly: the message sits by the question
        return f"Your answer must be {limit} characters or fewer"
    return f"{label[:1].upper()}{label[1:]} must be {limit} characters or fewer"


def check_length_on_the_server(name: str, field: forms.Field) -> None:
    """A length limit is a validation error that names the limit, never a silent cut.

    A browser stops a field with a maxlength attribute at its limit and drops the rest of what
    is typed or pasted without a word, so the attribute goes; the server checks the length and
    says which answer is too long. A textarea shows its limit with the GOV.UK character count.
    """
    limit = getattr(field, "max_length", None)
    if limit is None or field.widget.is_hidden:
        return
    field.widget.attrs.pop("maxlength", None)
    field.error_messages.setdefault("max_length", too_long_message(field.label or pretty_name(name), limit))
    if isinstance(field.widget, forms.Textarea):
        field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} govuk-js-character-count".strip()


def empty_answer(field: forms.Field):
    """What a question left unanswered cleans to, for a question that was not asked."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return field.queryset.none() if field.queryset is not None else []
    if isinstance(field, forms.MultipleChoiceField):
        return []
    if isinstance(field, forms.ModelChoiceField):
        return None
    if isinstance(field, (forms.TypedChoiceField, forms.CharField)):
        return field.empty_value
    if isinstance(field, forms.ChoiceField):
        return ""
    if isinstance(field, forms.BooleanField):
        return False
    return None


# The mixin is only ever mixed into a Form or ModelForm; the type checker is told so, so that it knows the
# form's fields, errors and cleaned data the mixin works with.
if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class GovukFormMixin(_FormBase):
    """Adds the GOV.UK classes to widgets, asks follow-up questions only under the answer they follow, and builds
    the error summary's links in the order the questions are on the page."""

    fieldsets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Follow-up questions revealed under one answer of a radio question: {"decision": {"screened_out": ("why",)}}.
    # They are shown only under that answer, checked only when it is chosen (a revealed question declared
    # required is required then), and otherwise left empty whatever was posted.
    reveals: dict[str, dict[str, tuple[str, ...]]] = {}
    # An optional question says so in its label. A search or filter form, where every field may be left alone and
    # the form itself says which are needed together, marks none.
    marks_optional = True
    # Questions the form's clean() requires for some answers to another question: not optional, so not marked.
    needed_for_some_answers: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        revealed = self.revealed_names()
        for name, field in self.fields.items():
            css = WIDGET_CLASSES.get(type(field.widget))
            if css:
                existing = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{css} {existing}".strip()
            check_length_on_the_server(name, field)
            if name in revealed:
                # A hidden question must not stop the browser submitting the answer that hides it.
                field.widget.use_required_attribute = lambda initial: False

    def revealed_names(self) -> set[str]:
        return {name for choices in self.reveals.values() for names in choices.values() for name in names}

    def revealed_under(self, controller: str, value) -> list[forms.BoundField]:
        names = self.reveals.get(controller, {}).get(str(value), ())
        return [self[name] for name in names if name in self.fields]

    def full_clean(self):
        super().full_clean()
        if self.is_bound:
            self._forget_questions_not_asked()
        for name in self.errors:
            if name in self.fields:
                # The date pattern marks each of its inputs, which the widget alone cannot know.
                self.fields[name].widget.has_error = True

    def _forget_questions_not_asked(self) -> None:
        # Outer questions come first in `reveals`, so a question under a question not asked is not asked either.
        forgotten: set[str] = set()
        for controller, choices in self.reveals.items():
            # The answer as posted, as the page shows it chosen, even if the form's own checks then refuse it.
            chosen = str(self[controller].value())
            asked = set(choices.get(chosen, ())) if controller not in forgotten else set()
            for names in choices.values():
                for name in names:
                    if name in asked or name not in self.fields:
                        continue
                    self.errors.pop(name, None)
                    self.cleaned_data[name] = empty_answer(self.fields[name])
                    forgotten.add(name)

    def page_order(self) -> list[str]:
        """The fields' names in the order the page shows them: a revealed question under its answer."""
        names = [name for _, group in self.fieldsets for name in group]
        names += [name for name in self.fields if name not in names]
        revealed = self.revealed_names()
        order: list[str] = []

        def place(name: str) -> None:
            order.append(name)
            for value, _ in getattr(self.fields[name], "choices", ()) if name in self.reveals else ():
                for bound in self.revealed_under(name, value):
                    place(bound.name)

        for name in names:
            if name not in revealed and name in self.fields:
                place(name)
        return order + [name for name in self.fields if name not in order]

    def error_summary(self) -> list[dict]:
        """Errors for the whole form first, then each question's in page order, linked to its first input."""
        items = [{"href": "", "message": error} for error in self.non_field_errors()]
        for name in self.page_order():
            if name not in self.errors:
                continue
            bound = self[name]
            anchor = bound.auto_id
            if isinstance(bound.field.widget, (forms.MultiWidget, forms.RadioSelect, forms.CheckboxSelectMultiple)):
                anchor = f"{anchor}_0"
            items.extend({"href": f"#{anchor}", "message": error} for error in self.errors[name])
        return items

    def grouped_fields(self):
        """The bound fields in their fieldsets, for forms long enough to need headings; hidden ones go first, apart,
        and a revealed question sits under its answer, not in the list."""
        revealed = self.revealed_names()
        return [
            (legend, [self[name] for name in names if not self[name].is_hidden and name not in revealed])
            for legend, names in self.fieldsets
        ]


class SubmissionIdField(forms.UUIDField):
    """A hidden id minted when the form is first shown: a retried POST carries the same one."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("initial", uuid.uuid4)
        super().__init__(**kwargs)
