from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "assessflow.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door"

    def ready(self) -> None:
        from assessflow.audit.display import ACTION_SENTENCES
        from assessflow.people.extensions import PERSON_ACTIONS, PersonAction

        from .actions import SENTENCES

        PERSON_ACTIONS.register(PersonAction("Record a contact or referral", "frontdoor:new", "frontdoor.record"))
        ACTION_SENTENCES.register(SENTENCES)
