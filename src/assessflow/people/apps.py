from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "assessflow.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from assessflow.audit.display import ACTION_SENTENCES

        from .actions import SENTENCES

        ACTION_SENTENCES.register(SENTENCES)
