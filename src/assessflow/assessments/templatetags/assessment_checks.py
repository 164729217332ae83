"""How the checks read on the assessment's page: each return's reasons named by the section they are about."""

from django import template

from ..check_forms import PLAN
from ..models import Check
from ..services.record import BY_SLUG

register = template.Library()


@register.filter
def reasons_named(check: Check) -> list[tuple[str, str]]:
    """(section title, reason) for each section the check returned, in the order they were given."""
    titles = {slug: section.title for slug, section in BY_SLUG.items()} | dict([PLAN])
    return [(titles.get(slug, slug), why) for slug, why in check.reasons.items()]


@register.filter
def latest_return(checks) -> Check | None:
    """The last decision if it returned the work: what the assessor has to change now."""
    found = list(checks)
    return found[-1] if found and found[-1].outcome == Check.Outcome.RETURNED else None
