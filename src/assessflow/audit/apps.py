from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "assessflow.audit"
    label = "audit"
    verbose_name = "Access log"
