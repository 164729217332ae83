from django.apps import AppConfig


class WaitingConfig(AppConfig):
    name = "assessflow.waiting"
    label = "waiting"
    verbose_name = "Waiting lists"

    def ready(self) -> None:
        from assessflow.audit.display import ACTION_SENTENCES
        from assessflow.frontdoor.extensions import REFERRAL_ACTIONS, ReferralAction

        from .actions import SENTENCES

        REFERRAL_ACTIONS.register(ReferralAction("Screen this referral", "waiting:screen", "frontdoor.screen"))
        ACTION_SENTENCES.register(SENTENCES)
