"""The council's waiting-list settings: timescales per work type and priority, and keep-in-touch intervals."""

from django import forms
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.core.forms import GovukFormMixin
from assessflow.core.journeys import done
from assessflow.tenancy.permissions import permission_required

from .actions import AccessAction
from .models import ContactInterval, Priority, Timescale, WorkType
from .timescales import DEFAULT_CONTACT_DAYS, DEFAULT_WORKING_DAYS

MAX_DAYS = 365


def _days_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=MAX_DAYS,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
        error_messages={
            "required": f"Enter the days for {label.lower()}",
            "min_value": f"{label} must be at least 1 day",
            "max_value": f"{label} must be {MAX_DAYS} days or fewer",
            "invalid": f"{label} must be a whole number of days",
        },
    )


class WaitingSettingsForm(GovukFormMixin, forms.Form):
    """One number per work type and priority (working days), and one per priority (days between contacts)."""

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        set_days = {(t.work_type, t.priority): t.working_days for t in Timescale.objects.filter(council=council)}
        intervals = {c.priority: c.days for c in ContactInterval.objects.filter(council=council)}
        for work_type in WorkType:
            for priority in Priority:
                name = f"timescale_{work_type.value}_{priority.value}"
                self.fields[name] = _days_field(f"{work_type.label}, {priority.value}")
                self.initial[name] = set_days.get((work_type.value, priority.value), DEFAULT_WORKING_DAYS[priority])
        for priority in Priority:
            name = f"contact_{priority.value}"
            self.fields[name] = _days_field(f"Keep in touch, {priority.value}")
            self.initial[name] = intervals.get(priority.value, DEFAULT_CONTACT_DAYS[priority])

    def rows(self):
        """The timescale fields as a table: one row per work type, one column per priority."""
        return [(w.label, [self[f"timescale_{w.value}_{p.value}"] for p in Priority]) for w in WorkType]

    def contact_fields(self):
        return [self[f"contact_{p.value}"] for p in Priority]


@require_http_methods(["GET", "POST"])
@permission_required("waiting.configure")
def waiting_settings(request: HttpRequest) -> HttpResponse:
    council = request.membership.organisation
    form = WaitingSettingsForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for work_type in WorkType:
                for priority in Priority:
                    Timescale.objects.update_or_create(
                        council=council,
                        work_type=work_type.value,
                        priority=priority.value,
                        defaults={"working_days": form.cleaned_data[f"timescale_{work_type.value}_{priority.value}"]},
                    )
            for priority in Priority:
                ContactInterval.objects.update_or_create(
                    council=council,
                    priority=priority.value,
                    defaults={"days": form.cleaned_data[f"contact_{priority.value}"]},
                )
            record_access(
                actor=Actor.from_request(request),
                kind=AccessEvent.Kind.CHANGE,
                action=AccessAction.SETTINGS_SAVED,
                council_id=council.pk,
                fields=form.changed_data,
            )
        return done(request, "Waiting list timescales and keep-in-touch intervals saved", "waiting:settings")
    return render(request, "waiting/settings.html", {"form": form, "priorities": list(Priority)})
