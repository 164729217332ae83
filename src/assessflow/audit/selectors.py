"""Reads of the access log."""

from django.db.models import QuerySet

from .models import AccessEvent


def access_log_for_person(*, council_id: int, person_id: int) -> QuerySet[AccessEvent]:
    return AccessEvent.objects.filter(council_id=council_id, person_id=person_id).select_related("organisation")
