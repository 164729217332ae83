"""The matching page's form: a select of the file's headers for each of Assessflow's columns, then, for each
column that holds a list, a select of Assessflow's values for each value found in the file.

Every select starts at the match its spelling (or the saved matching) suggests. The values listed are
those of the header the page showed; when the administrator picks another header for a list column,
the page is shown again with that header's values to match before the file is checked.
"""

from django import forms

from assessflow.core.forms import GovukFormMixin

from .backlog import COLUMNS, REQUIRED
from .backlog_mapping import LIST_COLUMNS, suggest_columns, suggest_values
from .models import BacklogImport

NOT_MATCHED, LEAVE_BLANK = "", "-"


LABELS = {
    "external_reference": "Your reference for the case",
    "given_name": "First name",
    "family_name": "Last name",
    "date_of_birth": "Date of birth",
    "nhs_number": "NHS number",
    "address_line_1": "First line of the address",
    "postcode": "Postcode",
    "phone": "Phone number",
    "gender": "Gender",
    "primary_support_reason": "Primary support reason",
    "work_type": "Work type",
    "priority": "Priority",
    "last_review_on": "Date of the last review",
    "review_due_on": "Date the next review is due",
    "allocated_worker": "Allocated worker",
    "package_weekly_cost": "Weekly cost of the current package",
    "package_start_on": "Date the current package started",
    "package_services": "Services in the current package",
    "referred_on": "Referral date",
    "added_on": "Date added to the waiting list",
}


DATES = ("date_of_birth", "last_review_on", "review_due_on", "package_start_on", "referred_on", "added_on")


def column_label(column: str) -> str:
    return LABELS.get(column) or COLUMNS[column].split(" (")[0]


def column_hint(column: str) -> str:
    """What the page says under a column: whether it is needed, and what of the file's values is read."""
    hints = ["Required" if column in REQUIRED else ""]
    if column in LIST_COLUMNS:
        hints.append("its values are matched below")
    elif column in DATES:
        hints.append("dates like 27/03/1941, 1941-03-27 or Excel dates")
    if column == "added_on":
        hints.append("waits count from it, or from the referral date when it is blank")
    elif column == "allocated_worker":
        hints.append("a worker's email, or their name as Forename Surname or Surname, Forename")
    text = "; ".join(h for h in hints if h)
    return text[:1].upper() + text[1:]


class MappingForm(GovukFormMixin, forms.Form):
    save_as = forms.CharField(
        label="Save this matching for the next file, as",
        help_text="For example, the name of the system the file came from. Leave blank not to save it",
        required=False,
        max_length=100,
    )

    def __init__(self, data=None, *, job: BacklogImport, **kwargs):
        survey, start = job.survey, job.mapping or {}
        headers: list[str] = survey.get("headers", [])
        suggested = suggest_columns(headers, chosen=start.get("columns"))
        data = data.copy() if data is not None else None
        self.header_values: dict[str, list[str]] = survey.get("values", {})
        self.many: set[str] = set(survey.get("many", []))
        self.stale: list[str] = []
        self.lists: list[tuple[str, str, list[str]]] = []  # (column, header, value field names)
        fields: dict[str, forms.Field] = {}
        for column in COLUMNS:
            fields[f"column_{column}"] = forms.ChoiceField(
                label=column_label(column),
                help_text=column_hint(column),
                choices=[("", "Not in this file"), *((h, h) for h in headers)],
                required=column in REQUIRED,
                initial=suggested.get(column, ""),
                error_messages={"required": f"Choose the column that holds the {column_label(column).lower()}"},
            )
        for column in LIST_COLUMNS:
            header = suggested.get(column, "")
            if data is not None:
                header, shown = data.get(f"column_{column}", ""), data.get(f"shown_{column}", "")
                if header != shown:
                    self.stale.append(column)  # its values are listed now: they must be seen before checking
                data[f"shown_{column}"] = header
            fields[f"shown_{column}"] = forms.CharField(widget=forms.HiddenInput, required=False, initial=header)
            chosen = start.get("values", {}).get(column)
            names = self._value_fields(fields, column, header, chosen, data, fresh=column in self.stale)
            self.lists.append((column, header, names))
        super().__init__(data, initial={"save_as": start.get("name", "")}, **kwargs)
        self.fields.update(fields)
        self.order_fields([*fields, "save_as"])
        # The mixin styled the fields it saw at first; these came after.
        for field in fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "govuk-select"

    def _value_fields(self, fields, column: str, header: str, chosen: dict | None, data, *, fresh: bool) -> list[str]:
        values = self.header_values.get(header, []) if header else []
        choices = [(NOT_MATCHED, "Not matched: rows with it are reported")]
        if column not in REQUIRED:
            choices.append((LEAVE_BLANK, "Leave blank"))
        choices.extend(LIST_COLUMNS[column])
        names = []
        for index, (value, match) in enumerate(suggest_values(column, values, chosen=chosen).items()):
            name = f"value_{column}_{index}"
            if match == "":
                match = LEAVE_BLANK
            fields[name] = forms.ChoiceField(label=value, choices=choices, required=False, initial=match or NOT_MATCHED)
            if data is not None and (fresh or name not in data):
                data[name] = match or NOT_MATCHED  # values the page did not show yet start at their suggestion
            names.append(name)
        return names

    def clean(self):
        cleaned = super().clean()
        for column in self.stale:
            if self.header_values.get(cleaned.get(f"column_{column}") or ""):
                self.add_error(
                    f"column_{column}",
                    f"Check how the values of this column are matched to Assessflow's {column_label(column).lower()}"
                    " below, then continue",
                )
        return cleaned

    def mapping(self) -> dict:
        """The matching as saved on the import (and, when named, for the council's next file)."""
        cleaned = self.cleaned_data
        columns = {c: cleaned[f"column_{c}"] for c in COLUMNS if cleaned.get(f"column_{c}")}
        values: dict[str, dict[str, str]] = {}
        for column, header, names in self.lists:
            file_values = self.header_values.get(header, [])
            for value, name in zip(file_values, names, strict=True):
                choice = cleaned.get(name) or NOT_MATCHED
                if choice != NOT_MATCHED:
                    values.setdefault(column, {})[value] = "" if choice == LEAVE_BLANK else choice
        mapping = {"columns": columns, "values": values}
        if cleaned.get("save_as"):
            mapping["name"] = cleaned["save_as"]
        return mapping

    def value_sections(self) -> list[dict]:
        """For the template: each list column with the header it reads and its value selects."""
        return [
            {
                "column": column,
                "label": column_label(column),
                "header": header,
                "fields": [self[name] for name in names],
                "many": header in self.many,
            }
            for column, header, names in self.lists
            if header
        ]

    def column_fields(self) -> list:
        return [self[f"column_{column}"] for column in COLUMNS]
