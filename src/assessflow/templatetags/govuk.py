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
