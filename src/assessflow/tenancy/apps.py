from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "assessflow.tenancy"
    label = "tenancy"
    verbose_name = "Organisations and users"

    def ready(self) -> None:
        from assessflow.audit.display import ACTION_SENTENCES

        from .actions import SENTENCES

        ACTION_SENTENCES.register(SENTENCES)
