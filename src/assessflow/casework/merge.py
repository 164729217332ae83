"""Letter merge fields: a fixed, documented list. Templates hold {{ field }} markers and nothing else runs."""

import re
from dataclasses import dataclass

MERGE_FIELDS = {
    "person_name": "The person's full name",
    "person_first_name": "The person's first name",
    "person_address": "The person's address, one line per part",
    "person_reference": "The council's reference for the person",
    "nhs_number": "The person's NHS number",
    "date_of_birth": "The person's date of birth",
    "today": "Today's date",
    "council_name": "The council's name",
    "council_contact": (
        "Every way to reach the council, each with its own verb, such as "
        "'call 01632 960000, email adultcare@example.org or write to us at the address at the top of this letter': "
        "write 'please {{ council_contact }}', not 'call us on {{ council_contact }}'"
    ),
    "council_phone": "The council's phone number for letters",
    "council_email": "The council's email address for letters",
    "worker_name": "The name of the worker sending the letter",
    "worker_role": "The role of the worker sending the letter",
}
_MARKER = re.compile(r"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}")


@dataclass(frozen=True)
class MergeProblem:
    unknown: list[str]


def unknown_fields(text: str) -> list[str]:
    """Markers in a template that are not merge fields, in the order they appear."""
    seen = []
    for name in _MARKER.findall(text):
        if name not in MERGE_FIELDS and name not in seen:
            seen.append(name)
    return seen


# A verb written before {{ council_contact }}, which brings its own ("by calling call 01632 …").
_VERB_BEFORE_CONTACT = re.compile(
    r"\b((?:by\s+)?(?:calling|phoning|ringing|emailing|contacting|call|phone|ring|email|contact|write\s+to)"
    r"(?:\s+us)?(?:\s+(?:on|at))?)\s+\{\{\s*council_contact\s*\}\}",
    re.IGNORECASE,
)


def verbs_before_contact(text: str) -> list[str]:
    """The verbs a template writes before {{ council_contact }}, in the order they appear."""
    return [match.group(1) for match in _VERB_BEFORE_CONTACT.finditer(text)]


def merged_fields(text: str) -> set[str]:
    """The merge fields a template's text uses."""
    return {name for name in _MARKER.findall(text) if name in MERGE_FIELDS}


def merge(text: str, values: dict[str, str]) -> str:
    """Fill each {{ field }} with its value; the text is otherwise left exactly as written."""
    return _MARKER.sub(lambda match: values.get(match.group(1), match.group(0)), text)
