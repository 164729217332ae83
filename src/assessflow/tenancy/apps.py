from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "assessflow.tenancy"
    label = "tenancy"
    verbose_name = "Organisations and users"
