"""Template helpers for GOV.UK Design System markup."""

from django import template
from django.forms import BoundField

register = template.Library()

ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-select": "govuk-select--error",
    "govuk-textarea": "govuk-textarea--error",
}


@register.simple_tag
def govuk_widget(field: BoundField):
    """Render a field's widget with its hint and error linked by aria-describedby, and the error style."""
    attrs = {}
    describedby = []
    if field.help_text:
        describedby.append(f"{field.auto_id}-hint")
    if field.errors:
        describedby.append(f"{field.auto_id}-error")
    if field.widget_type == "textarea" and getattr(field.field, "max_length", None):
        describedby.append(f"{field.auto_id}-info")  # the character count's message
    if field.errors:
        classes = field.field.widget.attrs.get("class", "")
        extra = [err for base, err in ERROR_CLASSES.items() if base in classes.split()]
        attrs["class"] = " ".join([classes, *extra]).strip()
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    return field.as_widget(attrs=attrs)


@register.filter
def thousands(value: int) -> str:
    """1000 as 1,000."""
    return f"{value:,}"


@register.filter
def describedby(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def optional_mark(field: BoundField) -> str:
    """ " (optional)" after an optional question's label, and after no other.

    A single tick box is left out: leaving it unticked is itself the answer "no".
    """
    if field.field.required or field.widget_type == "checkbox":
        return ""
    if field.name in getattr(field.form, "needed_for_some_answers", ()):
        return ""
    return " (optional)" if getattr(field.form, "marks_optional", True) else ""


@register.simple_tag
def revealed_under(field: BoundField, value) -> list[BoundField]:
    """The follow-up questions shown under one answer of a radio question."""
    under = getattr(field.form, "revealed_under", None)
    return under(field.name, value) if under else []


@register.filter
def is_revealed(field: BoundField) -> bool:
    """Asked under an answer of another question, so not on its own."""
    names = getattr(field.form, "revealed_names", None)
    return bool(names) and field.name in names()
