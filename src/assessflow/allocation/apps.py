from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "assessflow.allocation"
    label = "allocation"
    verbose_name = "Allocation"

    def ready(self) -> None:
        from assessflow.audit.display import ACTION_SENTENCES
        from assessflow.safeguarding.services.dols_assessors import BIA_CHECKS
        from assessflow.waiting.extensions import BACKLOG_PUBLISHED, ENTRY_ACTIONS, ENTRY_LEFT_LIST, EntryAction

        from .actions import SENTENCES
        from .imported import carry_over_allocations
        from .selectors import is_approved_bia
        from .services import end_allocation_when_work_ends

        # DoLS work needs a best interests assessor, and the pool is where that qualification is recorded.
        BIA_CHECKS.register(is_approved_bia)
        ENTRY_ACTIONS.register(EntryAction("Allocate or reallocate", "allocation:allocate", "allocation.allocate"))
        # The work is done or no longer needed: the assessor's caseload drops it at the same moment.
        ENTRY_LEFT_LIST.register(end_allocation_when_work_ends)
        # Cases a handover file says were already with a worker go to that worker once they are on the lists.
        BACKLOG_PUBLISHED.register(carry_over_allocations)
        ACTION_SENTENCES.register(SENTENCES)
