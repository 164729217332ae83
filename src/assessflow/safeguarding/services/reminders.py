"""Reminding managing authorities in time to ask again before a DoLS authorisation ends."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessflow.tenancy.models import Organisation, User
from assessflow.tenancy.services import notify

from ..access import settings_for, team_managers
from ..models import DolsApplication


def send_renewal_reminders(*, council: Organisation, today: datetime.date) -> int:
    """Tell the managing authority (and the DoLS team) in time to ask again before an authorisation ends."""
    reminder_days = settings_for(council).renewal_reminder_days
    due = DolsApplication.objects.filter(
        council=council,
        status=DolsApplication.Status.GRANTED,
        reminder_sent_at__isnull=True,
        ends_on__lte=today + datetime.timedelta(days=reminder_days),
        ends_on__gte=today,
    ).select_related("managing_authority_organisation")
    sent = 0
    for application in due:
        message = (
            f"The DoLS authorisation {application.reference} at {application.managing_authority} ends on "
            f"{application.ends_on:%-d %B %Y}: make a new request in time if it is still needed"
        )
        staff_url = reverse("safeguarding:dols", args=[application.pk])
        recipients = {user: staff_url for user in team_managers(council, dols=True)}
        if application.managing_authority_organisation is not None:
            for user in User.objects.filter(
                memberships__organisation=application.managing_authority_organisation, memberships__is_active=True
            ):
                recipients.setdefault(user, "")
        with transaction.atomic():
            if DolsApplication.objects.filter(pk=application.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()
            ):
                for user, url in recipients.items():
                    notify(user=user, message=message, url=url)
                sent += 1
    return sent
