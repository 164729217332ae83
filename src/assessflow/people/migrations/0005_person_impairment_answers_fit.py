"""Visual and hearing impairment hold the full Client Level Data answer, like "Blind/severely sight impaired".

Ten characters fitted "Yes" and "No" but none of the Release 2 answers the person form offers, so
choosing one failed. Widening the column rebuilds the history table on SQLite, which drops its
append-only triggers: the guard is lifted for the change and put back straight after.
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
        ("people", "0004_history_append_only_triggers"),
    ]

    operations = [
        migrations.RunPython(lift_guard, restore_guard),
        migrations.AlterField(
            model_name="historicalperson",
            name="hearing_impairment",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="visual_impairment",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.RunPython(restore_guard, lift_guard),
        migrations.AlterField(
            model_name="person",
            name="hearing_impairment",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AlterField(
            model_name="person",
            name="visual_impairment",
            field=models.CharField(blank=True, max_length=40),
        ),
    ]
