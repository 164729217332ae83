"""Safeguarding and DoLS work stays with the council's own staff (Care Act s.79: never delegated).

The apps above `people` name the rows that are such work (a DoLS waiting-list entry, a referral screened onto
DoLS work, a protection plan task) and the timeline lines that tell of it. Every read of rows about a person that
a provider's staff, a referrer or a citizen can reach passes through `hide_restricted_work_for`, so none of that
work reaches them, not even that it exists. The council's own staff see it as before; which of them may open the
safeguarding and DoLS records themselves is `safeguarding.access`.
"""

from collections.abc import Callable

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from assessflow.core.extensions import ExtensionPoint
from assessflow.tenancy.models import Membership
from assessflow.tenancy.roles import OrganisationKind

from .models import TimelineEntry

# Each returns a queryset of rows (of a model with a `person`) that are safeguarding or DoLS work.
RESTRICTED_ROWS: ExtensionPoint[Callable[[], QuerySet]] = ExtensionPoint("people.restricted_rows")
# Each returns a Q over TimelineEntry: lines that tell of such work whatever row they are about.
RESTRICTED_LINES: ExtensionPoint[Callable[[], Q]] = ExtensionPoint("people.restricted_lines")


def sees_restricted_work(membership: Membership) -> bool:
    """Only the council's own staff ever learn of safeguarding or DoLS work."""
    return membership.organisation.kind == OrganisationKind.COUNCIL and membership.is_staff_role


def restricted_lines(person_id: int | None = None) -> Q:
    """The timeline lines about restricted rows, or that tell of restricted work; narrowed to one person if given."""
    found = Q(pk__in=[])
    for source in RESTRICTED_ROWS:
        rows = source()
        if person_id is not None:
            rows = rows.filter(person_id=person_id)
        keys = rows.annotate(key=Cast("pk", output_field=CharField())).values("key")
        found |= Q(object_type=rows.model._meta.label_lower, object_id__in=keys)
    for lines in RESTRICTED_LINES:
        found |= lines()
    return found


def hide_restricted_work_for(membership: Membership, queryset: QuerySet, *, person_id: int | None = None) -> QuerySet:
    """The queryset less every row of safeguarding or DoLS work, unless the membership is the council's own staff.

    Works on timeline lines and on any model whose restricted rows an app registered; `person_id` narrows the
    look-up when the queryset is about one person (a timeline page).
    """
    if sees_restricted_work(membership):
        return queryset
    if queryset.model is TimelineEntry:
        return queryset.exclude(restricted_lines(person_id))
    for source in RESTRICTED_ROWS:
        rows = source()
        if rows.model is queryset.model:
            queryset = queryset.exclude(pk__in=rows.values("pk"))
    return queryset
