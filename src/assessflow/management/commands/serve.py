"""manage.py serve: the web server and the background task worker together, stopped together by Ctrl-C."""

import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from assessflow.people.demo.loader import demo_logins


class Command(BaseCommand):
    help = "Serve Assessflow on 127.0.0.1:8000 with its task worker, and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--address", default="127.0.0.1:8000")

    def handle(self, *args, address: str, **options):
        self._print_logins(address)
        manage = [sys.executable, "manage.py"]
        worker = subprocess.Popen([*manage, "db_worker"])  # noqa: S603  (our own command line)
        web = subprocess.Popen([*manage, "runserver", address, "--noreload"])  # noqa: S603
        processes = (web, worker)
        try:
            while all(p.poll() is None for p in processes):
                try:
                    web.wait(timeout=1)
                except subprocess.TimeoutExpired:
                    continue
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGINT)
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()

    def _print_logins(self, address: str) -> None:
        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS(f"Assessflow is starting on http://{address}/  (Ctrl-C stops it)"))
        out.write(f"Every demo user's password is: {settings.DEMO_PASSWORD}")
        out.write("")
        width = max(len(role) for role, _, _ in demo_logins())
        for role, organisation, email in demo_logins():
            out.write(f"  {role:<{width}}  {email:<42} {organisation}")
        out.write("")
