from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "assessflow.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door"

    def ready(self) -> None:
        from assessflow.audit.display import register_sentences
        from assessflow.people.extensions import PersonAction, register_person_action

        register_person_action(PersonAction("Record a contact or referral", "frontdoor:new", "frontdoor.record"))
        register_sentences(
            {
                "referral.recorded": "Contact or referral recorded",
                "referral.viewed": "Referral viewed",
                "referral.screened": "Referral screened",
                "referral.information_requested": "More information asked of the referrer",
                "referral.information_received": "The referrer answered",
                "portal.referral_viewed": "Referral viewed by the referrer",
            }
        )
