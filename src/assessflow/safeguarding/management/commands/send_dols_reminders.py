"""manage.py send_dols_reminders: run once a day; tells managing authorities in time to ask for a new authorisation."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.safeguarding.services.reminders import send_renewal_reminders
from assessflow.tenancy.models import Organisation
from assessflow.tenancy.roles import OrganisationKind


class Command(BaseCommand):
    help = "Remind managing authorities (and the DoLS team) before a DoLS authorisation ends. Safe to run twice."

    def handle(self, *args, **options):
        today = timezone.localdate()
        sent = 0
        # A daily job for every council: the one place this crosses tenants, and it says so.
        with scopes_disabled():
            for council in Organisation.objects.filter(kind=OrganisationKind.COUNCIL, is_active=True):
                sent += send_renewal_reminders(council=council, today=today)
        self.stdout.write(f"{sent} DoLS renewal reminder{'s' if sent != 1 else ''} sent.")
