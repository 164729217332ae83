from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "assessflow.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from assessflow.audit.display import register_sentences

        register_sentences(
            {
                "person.created": "Record created",
                "person.updated": "Details changed",
                "person.viewed": "Record viewed",
                "person.opened_for_change": "Record opened to change",
                "person.access_log_viewed": "Access log viewed",
                "person.searched": "Found in a search",
                "person.relationship_added": "Carer, relative or representative added",
                "person.loaded": "Record loaded",
                "person.break_glass": "Restricted record opened by breaking the glass",
                "person.restricted": "Record restricted",
                "person.restriction_lifted": "Restriction lifted",
            }
        )
