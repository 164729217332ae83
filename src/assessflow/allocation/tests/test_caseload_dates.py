"""One date for one fact: a review's due date reads the same on the caseload as on the person's page."""

import datetime
import re

from django_scopes import scopes_disabled

from assessflow.tests import factories
from assessflow.waiting.demo import load_demo_waiting
from assessflow.waiting.models import WaitingListEntry


def _allocate(client, entry, assessor):
    return client.post(f"/allocation/entries/{entry.pk}/", {"assessor": assessor.pk, "reason": "Knows the family"})


def _caseload_row(client, person) -> str:
    page = client.get("/allocation/caseload/").content.decode()
    rows = re.findall(r"<tr class=\"govuk-table__row\">.*?</tr>", page, re.S)
    [row] = [row for row in rows if person.full_name in row]
    return row


def test_a_review_shows_the_same_due_date_on_the_caseload_as_on_the_person_page(cast, sign_in, pool):
    # The four weeks before this review run over Christmas, so no council timescale lands on the review date.
    review_due = datetime.date(2026, 12, 29)
    with scopes_disabled():
        person = factories.PersonFactory(council=cast.council_a, family_name="Reviewdue", review_due_on=review_due)
    load_demo_waiting(cast.council_a, today=review_due - datetime.timedelta(days=10))
    with scopes_disabled():
        entry = WaitingListEntry.objects.get(person=person)
    assessor = cast.member("assessor_a")
    assert _allocate(sign_in(cast.member("team_manager_a")), entry, assessor.user).status_code == 302

    client = sign_in(assessor)
    row = _caseload_row(client, person)
    assert "29 Dec 2026" in row
    assert "Review due" in row
    person_page = client.get(f"/people/{person.pk}/").content.decode()
    assert "29 December 2026" in person_page


def test_work_due_by_the_timescale_is_not_called_a_review_date(cast, sign_in, pool):
    entry = cast.casework[cast.person_a.pk]["entry"]
    with scopes_disabled():
        WaitingListEntry.objects.filter(pk=entry.pk).update(work_type="needs_assessment")
        cast.person_a.review_due_on = datetime.date(2027, 3, 1)
        cast.person_a.save()
    assessor = cast.member("assessor_a")
    _allocate(sign_in(cast.member("team_manager_a")), entry, assessor.user)

    row = _caseload_row(sign_in(assessor), cast.person_a)
    assert "31 Dec 2026" in row
    assert "Due by the council&#x27;s timescale" in row
    assert "Review due" not in row
