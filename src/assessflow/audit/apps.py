from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "assessflow.audit"
    label = "audit"
    verbose_name = "Access log"

    def ready(self) -> None:
        from .display import register_sentences
        from .middleware import SHOWN

        register_sentences({SHOWN: "Record shown on a page"})
