from django.apps import AppConfig


class WaitingConfig(AppConfig):
    name = "assessflow.waiting"
    label = "waiting"
    verbose_name = "Waiting lists"

    def ready(self) -> None:
        from assessflow.audit.display import register_sentences
        from assessflow.frontdoor.extensions import ReferralAction, register_referral_action

        register_referral_action(ReferralAction("Screen this referral", "waiting:screen", "frontdoor.screen"))
        register_sentences(
            {
                "waiting.added": "Added to a waiting list",
                "waiting.reprioritised": "Priority changed",
                "waiting.entry_viewed": "Waiting-list entry viewed",
                "waiting.keep_in_touch_opened": "Keep-in-touch call opened",
                "waiting.list_viewed": "Shown on a waiting list",
                "waiting.exported": "Waiting list exported",
                "backlog.uploaded": "Backlog file uploaded",
                "backlog.mapped": "Backlog file's columns and values matched",
                "backlog.rematched": "Backlog file sent back to be matched again",
                "backlog.abandoned": "Backlog import abandoned and its file deleted",
                "waiting.settings_saved": "Waiting-list timescales saved",
                "backlog.imported": "Imported from a backlog file",
            }
        )
