from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_the_system_checks_pass_against_the_database_too():
    # Database-tagged checks (such as constraints a backend cannot enforce) run only with a database named.
    call_command("check", databases=["default"], fail_level="WARNING")
