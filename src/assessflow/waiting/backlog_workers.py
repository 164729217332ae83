"""The allocated worker a handover file names, matched to a worker of the council or its providers.

Old systems export the worker as an email, as "Forename Surname" or as "Surname, Forename". A name
that fits no worker, or more than one, is a problem on its row: the allocation is never dropped
without a word. The council's and its providers' staff are read once per check (a few thousand at
most), and each distinct cell is matched once.
"""

from assessflow.people.identity import normalise_name
from assessflow.tenancy.models import Contract, Membership, Organisation
from assessflow.tenancy.roles import STAFF_ROLES

_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})
WHO = "worker of this council or its providers"


def _keys(full_name: str) -> set[str]:
    """The keys a name is found by: every word, and just the first and the last (middle names dropped)."""
    words = [w for w in full_name.split() if normalise_name(w) not in _TITLES]
    if not words:
        return set()
    return {normalise_name(" ".join(words)), normalise_name(f"{words[0]} {words[-1]}")}


def _as_written(text: str) -> str:
    """'Shah, Priya' as 'Priya Shah'."""
    family, comma, given = text.partition(",")
    return f"{given.strip()} {family.strip()}" if comma else text


class Workers:
    def __init__(self, council: Organisation) -> None:
        providers = Contract.objects.filter(council=council).values_list("provider_id", flat=True)
        staff = (
            Membership.objects.filter(
                organisation_id__in=[council.pk, *providers],
                role__in=STAFF_ROLES,
                is_active=True,
                user__is_active=True,
            )
            .values_list("user__email", "user__full_name")
            .distinct()
        )
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, set[str]] = {}
        for email, full_name in staff:
            self.by_email[email.lower()] = email
            for key in _keys(full_name):
                self.by_name.setdefault(key, set()).add(email)
        self.memo: dict[str, tuple[str, str | None]] = {}

    def match(self, text: str) -> tuple[str, str | None]:
        """(the worker's email, None), or ("", why no one worker is meant); blank stays blank."""
        if text not in self.memo:
            if len(self.memo) > 10_000:  # bounded: start again rather than grow with the file
                self.memo.clear()
            self.memo[text] = self._match(text)
        return self.memo[text]

    def _match(self, text: str) -> tuple[str, str | None]:
        if not text:
            return "", None
        if "@" in text:
            email = self.by_email.get(text.lower())
            return (email, None) if email else ("", f"No {WHO} has the email {text!r}")
        found: set[str] = set()
        for key in _keys(_as_written(text)):
            found |= self.by_name.get(key, set())
        if len(found) == 1:
            return next(iter(found)), None
        if found:
            return "", f"{text!r} could be any of {len(found)} workers: give the worker's email instead"
        return "", f"No {WHO} is called {text!r}"

    def resolve(self, values: list[str]) -> tuple[list[str], dict[int, str]]:
        """Each cell's worker email, and {index: why} for the cells that name no one worker."""
        if not any(values):
            return values, {}
        emails, problems = [], {}
        for i, text in enumerate(values):
            email, message = self.match(text)
            emails.append(email)
            if message:
                problems[i] = message
        return emails, problems
