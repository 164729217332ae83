from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "assessflow.allocation"
    label = "allocation"
    verbose_name = "Allocation"

    def ready(self) -> None:
        from assessflow.audit.display import register_sentences
        from assessflow.safeguarding.services.dols_assessors import register_bia_check
        from assessflow.waiting.extensions import EntryAction, register_entry_action

        from . import (
            selectors,
            services,  # noqa: F401  (connects the end of an allocation to the end of its work)
        )

        # DoLS work needs a best interests assessor, and the pool is where that qualification is recorded.
        register_bia_check(selectors.is_approved_bia)
        register_entry_action(EntryAction("Allocate or reallocate", "allocation:allocate", "allocation.allocate"))
        register_sentences(
            {
                "allocation.allocated": "Allocated",
                "allocation.unallocated": "Allocation withdrawn",
                "allocation.entry_viewed": "Allocation page viewed",
                "allocation.profile_saved": "Assessor profile saved",
                "allocation.settings_saved": "Allocation weights saved",
                "allocation.conflict_recorded": "Conflict of interest recorded",
            }
        )
