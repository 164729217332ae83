"""A person's date of birth may be unknown: a carer named on someone's record is given their own record with
what is known of them, and no date is made up.

Changing the column rebuilds the history table on SQLite, which drops its append-only triggers: the guard is
lifted for the change and put back straight after.
"""

from django.db import migrations, models

from assessflow.audit.append_only import guard, unguard

HISTORY = "people_historicalperson"


def lift_guard(apps, schema_editor):
    unguard(schema_editor, HISTORY)


def restore_guard(apps, schema_editor):
    guard(schema_editor, HISTORY)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_person_impairment_answers_fit"),
    ]

    operations = [
        migrations.RunPython(lift_guard, restore_guard),
        migrations.AlterField(
            model_name="historicalperson",
            name="date_of_birth",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(restore_guard, lift_guard),
        migrations.AlterField(
            model_name="person",
            name="date_of_birth",
            field=models.DateField(blank=True, null=True),
        ),
    ]
