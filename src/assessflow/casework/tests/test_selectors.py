"""Casework reads (notes, documents, tasks, warnings) against a second provider and citizen in the same council."""

import pytest
from django.http import Http404
from django_scopes import scopes_disabled

from assessflow.casework.selectors import document_for, note_for, task_for, warning_for

OPENERS = {"note": note_for, "document": document_for, "task": task_for, "warning": warning_for}


@pytest.mark.parametrize("kind", OPENERS)
@pytest.mark.parametrize(
    ("key", "own", "neighbour"),
    [
        ("provider_assessor", "person_a_handed", "person_a_handed_q"),
        ("provider_q_team_manager", "person_a_handed_q", "person_a_handed"),
        ("citizen_a2", "citizen_person_a2", "citizen_person_a"),
    ],
)
def test_casework_opens_on_the_own_person_and_not_on_the_neighbours(cast, kind, key, own, neighbour):
    opener, member = OPENERS[kind], cast.member(key)
    mine = cast.casework[getattr(cast, own).pk][kind]
    theirs = cast.casework[getattr(cast, neighbour).pk][kind]
    with scopes_disabled():
        if not key.startswith("citizen_"):
            assert opener(member, mine.pk) == mine
        with pytest.raises(Http404):
            opener(member, theirs.pk)
