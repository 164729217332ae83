"""The database refuses to change or remove pathway events: they are the facts every figure is counted from."""

from django.db import migrations

from assessflow.audit.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("pathway", "0002_alter_pathwayevent_event_type")]
    operations = [append_only("pathway_pathwayevent")]
