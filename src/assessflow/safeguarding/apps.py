from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "assessflow.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding and DoLS"

    def ready(self) -> None:
        from django.urls import reverse

        from assessflow.audit.display import register_sentences
        from assessflow.people.extensions import (
            ConcernHandler,
            PersonAction,
            register_concern_handler,
            register_person_action,
        )
        from assessflow.tenancy.permissions import may

        from .restricted import register as register_restricted_work
        from .services.concerns import flag_concern

        register_restricted_work()

        def link(membership, person, origin, origin_id) -> str:
            if not may(membership, "safeguarding.raise"):
                return ""
            url = reverse("safeguarding:raise", args=[person.pk])
            return f"{url}?origin={origin}&origin_id={origin_id}" if origin_id else f"{url}?origin={origin}"

        register_concern_handler(ConcernHandler(link=link, flag=flag_concern))
        register_person_action(PersonAction("Safeguarding and DoLS", "safeguarding:person", "safeguarding.records_of"))
        register_person_action(PersonAction("Record a DoLS request", "safeguarding:dols-new", "safeguarding.dols"))
        register_sentences(
            {
                "safeguarding.concern.raised": "Safeguarding concern raised",
                "safeguarding.concern.viewed": "Safeguarding concern viewed",
                "safeguarding.concern.acknowledged": "Safeguarding acknowledgement viewed",
                "safeguarding.concern.triaged": "Safeguarding concern triaged",
                "safeguarding.concern.decided": "Section 42 decision recorded",
                "safeguarding.concern.closed": "Safeguarding concern closed",
                "safeguarding.concern.break_glass": "Glass broken on a safeguarding concern",
                "safeguarding.record.listed": "Safeguarding records listed",
                "safeguarding.enquiry.started": "Safeguarding enquiry started",
                "safeguarding.enquiry.viewed": "Safeguarding enquiry viewed",
                "safeguarding.enquiry.updated": "Safeguarding enquiry updated",
                "safeguarding.enquiry.concluded": "Safeguarding enquiry concluded",
                "safeguarding.strategy.recorded": "Strategy discussion recorded",
                "safeguarding.dols.requested": "DoLS request recorded",
                "safeguarding.dols.viewed": "DoLS request viewed",
                "safeguarding.dols.extended": "Urgent authorisation extended",
                "safeguarding.dols.screened": "DoLS request screened",
                "safeguarding.dols.assessors_named": "DoLS assessors named",
                "safeguarding.dols.doctor_added": "Approved mental health assessor added",
                "safeguarding.dols.assessed": "DoLS assessment recorded",
                "safeguarding.dols.decided": "DoLS decision recorded",
                "safeguarding.dols.closed": "DoLS request closed",
                "safeguarding.dols.review_requested": "DoLS review requested",
                "safeguarding.dols.break_glass": "Glass broken on a DoLS request",
                "safeguarding.settings_saved": "Safeguarding settings saved",
                "safeguarding.returns_exported": "Safeguarding returns exported",
            }
        )
