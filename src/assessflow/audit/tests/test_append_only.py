"""Access-log entries can be written, never changed or removed: not by the ORM, not by raw SQL."""

import pytest
from django.db import DatabaseError, connection, transaction
from django_scopes import scopes_disabled

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent, AppendOnlyError
from assessflow.audit.services import record_access


@pytest.fixture
def entry(cast):
    with scopes_disabled():
        return record_access(
            actor=Actor(user=cast.member("assessor_a").user, membership=cast.member("assessor_a")),
            kind=AccessEvent.Kind.VIEW,
            action="person.viewed",
            obj=cast.person_a,
            council_id=cast.council_a.pk,
            person_id=cast.person_a.pk,
        )


def test_an_entry_records_who_what_and_where(entry, cast):
    assert entry.actor_name == cast.member("assessor_a").user.full_name
    assert entry.role == "assessor"
    assert entry.object_type == "people.person"
    assert entry.object_id == str(cast.person_a.pk)
    assert entry.sentence == "Record viewed"
    assert entry.role_label == "Assessor"


def test_saving_an_existing_entry_is_refused(entry):
    entry.action = "person.updated"
    with pytest.raises(AppendOnlyError):
        entry.save()


def test_deleting_an_entry_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with scopes_disabled(), pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=entry.pk).delete()
    with scopes_disabled(), pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=entry.pk).update(action="x")


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_accessevent SET action = 'tampered'", "DELETE FROM audit_accessevent"],
)
def test_the_database_refuses_raw_changes(entry, statement):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    with scopes_disabled():
        assert AccessEvent.objects.get(pk=entry.pk).action == "person.viewed"


def test_a_query_outside_any_tenant_scope_fails_loudly(entry):
    from django_scopes.exceptions import ScopeError

    with pytest.raises(ScopeError):
        list(AccessEvent.objects.all())
