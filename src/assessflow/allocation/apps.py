from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "assessflow.allocation"
    label = "allocation"
    verbose_name = "Allocation"

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the allocation rules)
