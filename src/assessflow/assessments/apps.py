from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessflow.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from assessflow.allocation.extensions import CASELOAD_ACTIONS
        from assessflow.audit.display import ACTION_SENTENCES
        from assessflow.waiting.extensions import ENTRY_ACTIONS, EntryAction

        from .actions import SENTENCES
        from .record_selectors import caseload_actions

        ACTION_SENTENCES.register(SENTENCES)
        # The allocated assessor starts the work from their caseload, or from the entry's page, and goes back to it.
        CASELOAD_ACTIONS.register(caseload_actions)
        ENTRY_ACTIONS.register(
            EntryAction("Start or continue the assessment", "assessments:start", "assessments.start", post=True)
        )
