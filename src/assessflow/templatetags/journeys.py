"""Template helpers that carry the page a journey started from into its form and back out."""

from django import template
from django.utils.html import format_html

from assessflow.core.journeys import RETURN_TO, back_label, return_to, with_return

register = template.Library()


@register.simple_tag(takes_context=True)
def came_from(context) -> str:
    """The safe page this journey started from, or ""."""
    request = context.get("request")
    return return_to(request) if request is not None else ""


@register.simple_tag(takes_context=True)
def from_here(context, url: str) -> str:
    """`url` carrying this page as the one to come back to."""
    request = context.get("request")
    return with_return(url, request.get_full_path()) if request is not None else url


@register.simple_tag(takes_context=True)
def return_field(context) -> str:
    """A hidden field carrying the page this journey started from, for a form that posts to another address."""
    back = came_from(context)
    return format_html('<input type="hidden" name="{}" value="{}">', RETURN_TO, back) if back else ""


@register.simple_tag
def way_back(path: str, person: str = "") -> str:
    """The words of a link back to `path`."""
    return back_label(path, person=person)
