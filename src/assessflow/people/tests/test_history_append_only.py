"""A person's row history is a record of what was true when: the database refuses to rewrite it."""

import pytest
from django.db import DatabaseError, connection, transaction
from django_scopes import scopes_disabled

from assessflow.tests import factories


@pytest.fixture
def person_with_history(db):
    with scopes_disabled():
        person = factories.PersonFactory(family_name="Original")
        factories.RelationshipFactory(person=person)
        person.family_name = "Changed"
        person.save()
        return person


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE people_historicalperson SET family_name = 'Tampered'",
        "DELETE FROM people_historicalperson",
        "UPDATE people_historicalrelationship SET name = 'Tampered'",
        "DELETE FROM people_historicalrelationship",
    ],
)
def test_the_database_refuses_to_rewrite_history(person_with_history, statement):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    with scopes_disabled():
        names = sorted(person_with_history.history.values_list("family_name", flat=True))
        assert names == ["Changed", "Original"]
        assert person_with_history.relationships.first().history.count() == 1


def test_new_history_is_still_written(person_with_history):
    with scopes_disabled():
        person_with_history.family_name = "Third"
        person_with_history.save()
        assert person_with_history.history.count() == 3
