from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "assessflow.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        from django.utils import timezone

        from assessflow.audit.display import register_sentences
        from assessflow.people.extensions import (
            Banner,
            PersonAction,
            register_banner_source,
            register_person_action,
            register_timeline_kinds,
        )

        from .selectors import active_warnings

        def warning_banners(person):
            return [
                Banner(w.get_warning_type_display(), (w.note, f"Review by {w.review_on:%-d %B %Y}"))
                for w in active_warnings(person, timezone.localdate())
            ]

        register_banner_source(warning_banners)
        for action in (
            PersonAction("Add a note", "casework:note-new", "casework.add_note"),
            PersonAction("Upload a document", "casework:document-new", "casework.add_document"),
            PersonAction("Set a task", "casework:task-new", "casework.set_task"),
            PersonAction("Write a letter", "casework:letter-new", "casework.send_letter"),
            PersonAction("Add a warning", "casework:warning-new", "casework.add_warning"),
            PersonAction("Warnings", "casework:warnings", "casework.view"),
            PersonAction("Print the chronology", "casework:chronology", "casework.view"),
        ):
            register_person_action(action)
        register_timeline_kinds(
            {"note": "Notes", "document": "Documents", "task": "Tasks", "letter": "Letters", "warning": "Warnings"}
        )
        register_sentences(
            {
                "note.added": "Note added",
                "note.viewed": "Note viewed",
                "note.edited": "Note edited",
                "note.amended": "Note amended",
                "note.retracted": "Note retracted",
                "document.added": "Document added",
                "document.downloaded": "Document downloaded",
                "document.retracted": "Document retracted",
                "task.set": "Task set",
                "task.viewed": "Task viewed",
                "task.completed": "Task done",
                "task.cancelled": "Task cancelled",
                "task.reassigned": "Task reassigned",
                "warning.added": "Warning added",
                "warning.ended": "Warning ended",
                "warnings.viewed": "Warnings viewed",
                "letter.previewed": "Letter previewed",
                "letter.viewed": "Letter viewed",
                "letter.sent": "Letter marked as sent",
                "letter_template.saved": "Letter template saved",
                "chronology.viewed": "Chronology viewed",
            }
        )
