"""`manage.py eligibility --json FILE`: the determination and its reasons for an assessment described in JSON."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessflow.assessments.eligibility import AnswersRefused, determine


class Command(BaseCommand):
    help = (
        "Print the eligibility determination (SI 2015/313 reg 2 or 3) and its reasons, as JSON, for an assessment "
        "described in a JSON file (or - for standard input). The fields are listed in the README."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", dest="path", required=True, metavar="FILE")

    def handle(self, *args, path: str, **options) -> None:
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            description = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not JSON: {error}") from None
        descriptions = description if isinstance(description, list) else [description]
        results = []
        for number, item in enumerate(descriptions, start=1):
            if not isinstance(item, dict):
                raise CommandError(f"Assessment {number} is not a JSON object")
            try:
                results.append(determine(item).as_dict())
            except AnswersRefused as error:
                raise CommandError(f"Assessment {number}: {error}") from None
        self.stdout.write(json.dumps(results if isinstance(description, list) else results[0], indent=2))
