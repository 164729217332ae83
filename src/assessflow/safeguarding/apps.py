from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "assessflow.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding and DoLS"

    def ready(self) -> None:
        from django.urls import reverse

        from assessflow.audit.display import ACTION_SENTENCES
        from assessflow.people.extensions import CONCERN_HANDLER, PERSON_ACTIONS, ConcernHandler, PersonAction
        from assessflow.people.restricted_work import RESTRICTED_LINES, RESTRICTED_ROWS
        from assessflow.tenancy.permissions import may

        from .actions import SENTENCES
        from .restricted import dols_entries, dols_referrals, protection_tasks, safeguarding_lines
        from .services.concerns import flag_concern

        # Safeguarding and DoLS work in the apps below stays with the council's own staff.
        for rows in (dols_entries, dols_referrals, protection_tasks):
            RESTRICTED_ROWS.register(rows)
        RESTRICTED_LINES.register(safeguarding_lines)

        def link(membership, person, origin, origin_id) -> str:
            if not may(membership, "safeguarding.raise"):
                return ""
            url = reverse("safeguarding:raise", args=[person.pk])
            return f"{url}?origin={origin}&origin_id={origin_id}" if origin_id else f"{url}?origin={origin}"

        CONCERN_HANDLER.register(ConcernHandler(link=link, flag=flag_concern))
        PERSON_ACTIONS.register(PersonAction("Safeguarding and DoLS", "safeguarding:person", "safeguarding.records_of"))
        PERSON_ACTIONS.register(PersonAction("Record a DoLS request", "safeguarding:dols-new", "safeguarding.dols"))
        ACTION_SENTENCES.register(SENTENCES)
