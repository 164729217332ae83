"""manage.py start_due_services: run once a day; starts the services of agreed plans whose start date has come."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.assessments.services.outcome import start_due_services
from assessflow.audit.actor import Actor


class Command(BaseCommand):
    help = "Start the services of agreed support plans that begin today or earlier. Safe to run twice."

    def handle(self, *args, **options):
        # A daily job for every council: the one place this crosses tenants, and it says so.
        with scopes_disabled():
            started = start_due_services(actor=Actor.system("start_due_services"), today=timezone.localdate())
        self.stdout.write(f"{started} service{'s' if started != 1 else ''} started.")
