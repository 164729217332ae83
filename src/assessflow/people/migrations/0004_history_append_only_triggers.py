"""The database refuses to change or remove the row history of people and their relationships."""

from django.db import migrations

from assessflow.audit.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("people", "0003_restriction_timelineentry")]
    operations = [append_only("people_historicalperson", "people_historicalrelationship")]
