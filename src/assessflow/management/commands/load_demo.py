"""manage.py load_demo [--people N]: load the demo council, idempotently."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from assessflow.allocation.demo import load_demo_allocation
from assessflow.assessments.demo import load_demo_assessments
from assessflow.casework.demo import load_demo_casework
from assessflow.people.demo.loader import COUNCIL_NAME, load_demo_council
from assessflow.safeguarding.demo import load_demo_safeguarding
from assessflow.tenancy.models import Organisation
from assessflow.waiting.demo import load_demo_waiting


class Command(BaseCommand):
    help = "Load Demo Borough Council with its provider, teams, a user for every role and N people."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=1000, help="How many people (default 1,000).")

    def handle(self, *args, people: int, **options):
        def progress(done: int, added: int) -> None:
            if people >= 50_000 and done % 50_000 < 5000:
                self.stdout.write(f"  {done:,} of {people:,} people checked, {added:,} added")

        added = load_demo_council(people=people, today=timezone.localdate(), progress=progress)
        council = Organisation.objects.get(name=COUNCIL_NAME, kind="council")
        load_demo_casework(council)
        waiting = load_demo_waiting(council, timezone.localdate())
        # The pool first: the DoLS cases name a best interests assessor from it.
        load_demo_allocation(council)
        load_demo_safeguarding(council, timezone.localdate())
        load_demo_assessments(council)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo Borough Council is ready: {added:,} people added, {people:,} in all; "
                f"{waiting:,} added to the waiting lists."
            )
        )
