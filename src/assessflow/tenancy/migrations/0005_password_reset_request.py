import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0004_invitations_and_account_creator"),
    ]

    operations = [
        migrations.CreateModel(
            name="PasswordResetRequest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("email", models.CharField(db_index=True, help_text="As asked for, lower-cased", max_length=254)),
                ("address", models.GenericIPAddressField(blank=True, null=True)),
                ("requested_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
            ],
            options={
                "indexes": [models.Index(fields=["address", "requested_at"], name="reset_request_address")],
            },
        ),
    ]
