from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessflow.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from assessflow.audit.display import ACTION_SENTENCES

        from .actions import SENTENCES

        ACTION_SENTENCES.register(SENTENCES)
