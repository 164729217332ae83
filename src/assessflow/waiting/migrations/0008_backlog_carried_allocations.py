from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("waiting", "0007_backlog_mapping"),
    ]

    operations = [
        migrations.AddField(
            model_name="backlogimport",
            name="carried_allocations",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="The cases the file said were with a worker: how many stayed with them, and why the rest did not",
            ),
        ),
    ]
