from django.apps import AppConfig


class PathwayConfig(AppConfig):
    name = "assessflow.pathway"
    label = "pathway"
    verbose_name = "Pathway events"
