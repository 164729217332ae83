from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "assessflow.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        from django.utils import timezone

        from assessflow.audit.display import ACTION_SENTENCES
        from assessflow.people.extensions import BANNER_SOURCES, PERSON_ACTIONS, TIMELINE_KINDS, Banner, PersonAction

        from .actions import SENTENCES
        from .selectors import active_warnings

        def warning_banners(person):
            return [
                Banner(w.get_warning_type_display(), (w.note, f"Review by {w.review_on:%-d %B %Y}"))
                for w in active_warnings(person, timezone.localdate())
            ]

        BANNER_SOURCES.register(warning_banners)
        for action in (
            PersonAction("Add a note", "casework:note-new", "casework.add_note"),
            PersonAction("Upload a document", "casework:document-new", "casework.add_document"),
            PersonAction("Set a task", "casework:task-new", "casework.set_task"),
            PersonAction("Write a letter", "casework:letter-new", "casework.send_letter"),
            PersonAction("Add a warning", "casework:warning-new", "casework.add_warning"),
            PersonAction("Warnings", "casework:warnings", "casework.view"),
            PersonAction("Print the chronology", "casework:chronology", "casework.view"),
        ):
            PERSON_ACTIONS.register(action)
        TIMELINE_KINDS.register(
            {"note": "Notes", "document": "Documents", "task": "Tasks", "letter": "Letters", "warning": "Warnings"}
        )
        ACTION_SENTENCES.register(SENTENCES)
