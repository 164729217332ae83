"""Matching a handover file to Assessflow: which of its columns is which, and what its values mean. Pure.

Councils hand over what their old system exports ("Client ID", "Forename", "DOB", "Activity" holding
"6 week review" or "DoLS", "Priority" holding "High" or "1"). A mapping says which header feeds each of
Assessflow's columns and, for the columns that hold a list, which of Assessflow's values each of the
file's values means. The check applies it as a lookup per distinct value before the column's own rule,
so a mapped file costs what a file in the template's shape costs.

A mapping is plain JSON: {"columns": {column: header}, "values": {column: {file value: Assessflow value}}}.
A value mapped to "" is left blank on purpose; a value the mapping does not name is matched by its
spelling (case, spaces, hyphens, apostrophes, Assessflow's own labels, common synonyms), or else
reported on each row that has it.
"""

import re
from collections.abc import Callable
from functools import cache

from assessflow import cld

from .models import Priority, WorkType

_SEPARATORS = re.compile(r"[\s\-_/.,:;()&+]+")
_QUOTES = re.compile(r"['\u2018\u2019`\"]")

# The columns whose values come from one of Assessflow's lists: each with (value, label) pairs.
LIST_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "work_type": list(WorkType.choices),
    "priority": list(Priority.choices),
    "gender": [(v, v) for v in cld.values("gender")],
    "primary_support_reason": [(v, v) for v in cld.values("primary_support_reason")],
}
# What the lists' values are called in the systems councils move from.
VALUE_SYNONYMS: dict[str, dict[str, str]] = {
    "work_type": {
        **dict.fromkeys(
            ("six week review", "6 weeks review", "6 week", "six week", "review 6 week", "28 day review"),
            WorkType.SIX_WEEK_REVIEW,
        ),
        **dict.fromkeys(
            ("review", "planned review", "annual", "yearly review", "12 month review", "care act review"),
            WorkType.ANNUAL_REVIEW,
        ),
        **dict.fromkeys(
            ("assessment", "care act assessment", "new assessment", "initial assessment", "social care assessment"),
            WorkType.NEEDS_ASSESSMENT,
        ),
        **dict.fromkeys(("carer assessment", "carers", "carer", "carers review"), WorkType.CARERS_ASSESSMENT),
        **dict.fromkeys(
            ("fab", "fin assessment", "financial", "finance assessment", "financial review"),
            WorkType.FINANCIAL_ASSESSMENT,
        ),
        **dict.fromkeys(("unplanned review", "re assessment", "review of needs"), WorkType.REASSESSMENT),
        **dict.fromkeys(
            ("deprivation of liberty", "dols assessment", "dols referral", "deprivation of liberty safeguard"),
            WorkType.DOLS,
        ),
        **dict.fromkeys(
            ("ot", "ot assessment", "occupational therapy assessment", "ot review", "equipment and adaptations"),
            WorkType.OCCUPATIONAL_THERAPY,
        ),
    },
    "priority": {
        **dict.fromkeys(("high", "urgent", "critical", "1", "p1", "priority 1", "r"), Priority.RED),
        **dict.fromkeys(("medium", "moderate", "med", "2", "p2", "priority 2", "a"), Priority.AMBER),
        **dict.fromkeys(("low", "routine", "standard", "3", "p3", "priority 3", "g"), Priority.GREEN),
    },
    "gender": {
        **dict.fromkeys(("m", "man", "boy"), "Male"),
        **dict.fromkeys(("f", "woman", "girl"), "Female"),
        **dict.fromkeys(("u", "not known", "not stated", "not recorded", "prefer not to say"), "Unknown"),
        **dict.fromkeys(("o", "non binary", "in another way"), "Other"),
    },
    "primary_support_reason": {
        **dict.fromkeys(("learning disability", "ld"), "Learning disability support"),
        **dict.fromkeys(("mental health", "mh"), "Mental health support"),
        **dict.fromkeys(("memory and cognition", "dementia"), "Support with memory and cognition"),
        "personal care": "Physical support: Personal care support",
        "access and mobility": "Physical support: Access and mobility only",
        "visual impairment": "Sensory support: Support for visual impairment",
        "hearing impairment": "Sensory support: Support for hearing impairment",
        "dual impairment": "Sensory support: Support for dual impairment",
        "substance misuse": "Social support: Substance misuse support",
        "asylum seeker": "Social support: Asylum seeker support",
        "social isolation": "Social support: Support for social isolation or other reason",
        "unpaid carer": "Social support: Support to unpaid carer",
    },
}
# What Assessflow's columns are called in the systems councils move from (beside their own names).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "external_reference": (
        "client id", "person id", "client ref", "client reference", "person reference", "reference", "ref",
        "case id", "case reference", "mosaic id", "las id", "lcs id", "liquidlogic id", "system id", "id",
    ),
    "given_name": ("forename", "forenames", "first name", "firstname", "given name", "given names", "christian name"),
    "family_name": ("surname", "last name", "lastname", "family name"),
    "date_of_birth": ("dob", "d o b", "date of birth", "birth date", "birthdate"),
    "nhs_number": ("nhs no", "nhs number", "nhs", "nhs num", "nhs id"),
    "address_line_1": ("address", "address line 1", "address 1", "address1", "street", "first line of address"),
    "postcode": ("postcode", "post code", "postal code"),
    "phone": ("phone", "telephone", "tel", "phone number", "telephone number", "contact number", "mobile"),
    "gender": ("gender", "sex"),
    "primary_support_reason": ("primary support reason", "psr", "support reason"),
    "work_type": (
        "work type", "activity", "activity type", "work", "task type", "type of work", "request type",
        "assessment type", "waiting for", "workflow step", "step",
    ),
    "priority": ("priority", "rag", "rag rating", "risk", "risk rating", "urgency"),
    "last_review_on": ("last review", "last review date", "date of last review", "previous review", "last reviewed"),
    "review_due_on": ("review due", "review due date", "next review", "next review date", "due date", "due"),
    "allocated_worker": (
        "allocated worker", "worker", "allocated to", "worker email", "key worker", "assigned worker",
        "case worker", "caseworker", "responsible worker",
    ),
    "package_weekly_cost": ("weekly cost", "package cost", "cost per week", "weekly package cost"),
    "package_start_on": ("package start", "package start date", "service start date"),
    "package_services": ("services", "package", "package services", "current services", "service"),
    "referred_on": (
        "referral date", "date of referral", "referral received", "referral received date", "referred on",
        "date referred", "contact date",
    ),
    "added_on": (
        "date added", "date added to list", "added to list", "date added to waiting list", "date on list",
        "waiting since", "queue date", "added",
    ),
}  # fmt: skip


def normalise(text: str) -> str:
    """The spelling that matching compares: case, spacing, hyphens and apostrophes ignored."""
    text = _QUOTES.sub("", text.casefold().replace("&", " and "))
    return _SEPARATORS.sub(" ", text).strip()


@cache
def _value_index(column: str) -> dict[str, str]:
    """Every spelling a list column's values are known by: the value, its label, the label's tail, synonyms."""
    meanings: dict[str, set[str]] = {}
    for value, label in LIST_COLUMNS[column]:
        for spelling in (value, label, label.split(":")[0], label.split(": ")[-1]):
            meanings.setdefault(normalise(spelling), set()).add(value)
    # A part shared by several labels ("Physical support: ...") means none of them in particular.
    index = {spelling: values.pop() for spelling, values in meanings.items() if len(values) == 1}
    for spelling, value in VALUE_SYNONYMS.get(column, {}).items():
        index.setdefault(normalise(spelling), value)
    return index


def suggest_value(column: str, text: str) -> str | None:
    """Assessflow's value that the file's value means, when its spelling says so; None when it does not."""
    return _value_index(column).get(normalise(text))


def suggest_columns(headers: list[str], *, chosen: dict[str, str] | None = None) -> dict[str, str]:
    """{Assessflow column: the file's header}: the columns `chosen` (a saved mapping) names where the file still
    has that header, then each other column whose name or a synonym the header spells. A header is used once."""
    present = set(headers)
    found = {column: header for column, header in (chosen or {}).items() if header in present}
    used = set(found.values())
    by_spelling: dict[str, str] = {}
    for header in headers:
        by_spelling.setdefault(normalise(header), header)
    for column, synonyms in COLUMN_SYNONYMS.items():
        if column in found:
            continue
        for spelling in (column, *synonyms):
            header = by_spelling.get(normalise(spelling))
            if header and header not in used:
                found[column] = header
                used.add(header)
                break
    return found


def suggest_values(column: str, values: list[str], *, chosen: dict[str, str] | None = None) -> dict[str, str | None]:
    """{file value: Assessflow value, or None when nothing matches}: a saved choice first, then the spelling."""
    chosen = chosen or {}
    return {value: chosen[value] if value in chosen else suggest_value(column, value) for value in values}


def translator(column: str, chosen: dict[str, str] | None) -> Callable[[str], str]:
    """Turns a cell of a list column into Assessflow's value: the mapping's choice, else the spelling's match,
    else the cell as it is (for the column's rule to refuse, naming it)."""
    chosen = chosen or {}

    def translate(text: str) -> str:
        if text in chosen:
            return chosen[text]
        return (suggest_value(column, text) or text) if text else text

    return translate
