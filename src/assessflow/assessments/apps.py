from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessflow.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from assessflow.allocation.extensions import CASELOAD_ACTIONS
        from assessflow.audit.display import ACTION_SENTENCES
        from assessflow.waiting.extensions import BACKLOG_PUBLISHED, ENTRY_ACTIONS, EntryAction

        from .actions import SENTENCES
        from .page_parts import PAGE_PARTS, PagePart
        from .panel_selectors import panel_status
        from .record_selectors import caseload_actions
        from .services.imported_plans import carry_over_packages

        ACTION_SENTENCES.register(SENTENCES)
        # The allocated assessor starts the work from their caseload, or from the entry's page, and goes back to it.
        CASELOAD_ACTIONS.register(caseload_actions)
        ENTRY_ACTIONS.register(
            EntryAction("Start or continue the assessment", "assessments:start", "assessments.start", post=True)
        )
        PAGE_PARTS.register(
            PagePart(
                "Support plan and personal budget",
                "assessments:plan",
                "assessments.view",
                hint="How the eligible needs will be met, and what it costs",
            )
        )
        # The funding panel's decisions and the letters, on the assessment's task list.
        PAGE_PARTS.register(
            PagePart(
                "Funding panel",
                "assessments:panel-outcome",
                "assessments.view",
                status=panel_status,
                hint="What the panel decided on a plan over the council's threshold",
            )
        )
        PAGE_PARTS.register(
            PagePart(
                "Letters",
                "assessments:letters",
                "assessments.view",
                hint="The decision and its reasons in writing, and a copy of the assessment on request",
            )
        )
        # A package a handover file described becomes the person's current plan, so the reviews can review it.
        BACKLOG_PUBLISHED.register(carry_over_packages)
