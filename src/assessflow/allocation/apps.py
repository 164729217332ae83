from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "assessflow.allocation"
    label = "allocation"
    verbose_name = "Allocation"

    def ready(self) -> None:
        from assessflow.audit.display import register_sentences
        from assessflow.waiting.extensions import EntryAction, register_entry_action

        from . import (
            permissions,  # noqa: F401  (registers the allocation rules)
            services,  # noqa: F401  (connects the end of an allocation to the end of its work)
        )

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
