"""The council's waiting-list settings: timescales per work type and priority, and keep-in-touch intervals."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from assessflow.audit.actor import Actor
from assessflow.core.forms import GovukFormMixin
from assessflow.core.journeys import done
from assessflow.tenancy.permissions import permission_required

from . import selectors, settings_services
from .models import Priority, WorkType
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

    def __init__(self, *args, saved: selectors.WaitingSettings, **kwargs):
        super().__init__(*args, **kwargs)
        set_days, intervals = saved.timescales, saved.intervals
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

    def timescales(self) -> dict[tuple[str, str], int]:
        data = self.cleaned_data
        return {(w.value, p.value): data[f"timescale_{w.value}_{p.value}"] for w in WorkType for p in Priority}

    def intervals(self) -> dict[str, int]:
        return {p.value: self.cleaned_data[f"contact_{p.value}"] for p in Priority}


@require_http_methods(["GET", "POST"])
@permission_required("waiting.configure")
def waiting_settings(request: HttpRequest) -> HttpResponse:
    form = WaitingSettingsForm(request.POST or None, saved=selectors.waiting_settings(request.membership))
    if request.method == "POST" and form.is_valid():
        settings_services.save_settings(
            actor=Actor.from_request(request),
            council=request.membership.organisation,
            timescales=form.timescales(),
            intervals=form.intervals(),
            changed=form.changed_data,
        )
        return done(request, "Waiting list timescales and keep-in-touch intervals saved", "waiting:settings")
    return render(request, "waiting/settings.html", {"form": form, "priorities": list(Priority)})
