from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "assessflow.audit"
    label = "audit"
    verbose_name = "Access log"

    def ready(self) -> None:
        from .actions import SENTENCES
        from .display import ACTION_SENTENCES

        ACTION_SENTENCES.register(SENTENCES)
