"""Pages for restricted records: the restricted notice, breaking the glass, restricting and lifting."""

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.core.forms import GovukFormMixin
from assessflow.core.journeys import done
from assessflow.tenancy.permissions import permission_required

from . import restrictions
from .selectors import person_for, restriction_choices, visible_person
from .shared_pages import BreakGlassForm, restricted_page


class RestrictForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is this record restricted?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why this record is restricted"},
    )
    manager = forms.ModelChoiceField(
        label="Record manager",
        help_text="Told whenever someone breaks the glass",
        queryset=None,
        error_messages={"required": "Select the record's manager"},
    )
    users = forms.ModelMultipleChoiceField(
        label="Workers who may open it",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    teams = forms.ModelMultipleChoiceField(
        label="Teams who may open it", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, choices: tuple[QuerySet, QuerySet], **kwargs):
        super().__init__(*args, **kwargs)
        staff, teams = choices
        self.fields["manager"].queryset = staff
        self.fields["users"].queryset = staff
        self.fields["teams"].queryset = teams


@require_POST
@permission_required("people.break_glass")
def break_glass(request: HttpRequest, person_id: int) -> HttpResponse:
    person = visible_person(request.membership, person_id)
    if restrictions.active_restriction(person) is None:
        return redirect("people:detail", person_id=person_id)
    form = BreakGlassForm(request.POST)
    if not form.is_valid():
        return restricted_page(request, restrictions.RestrictedRecord(person), form, status=400)
    restrictions.break_glass(
        actor=Actor.from_request(request), person=person, reason=form.cleaned_data["reason"], session=request.session
    )
    return done(
        request, f"{person.full_name}'s record is open to you until you sign out", "people:detail", person_id=person.pk
    )


@require_http_methods(["GET", "POST"])
@permission_required("people.restrict")
def restrict(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for(request.membership, person_id, session=request.session, to_change=True)
    if restrictions.active_restriction(person):
        return redirect("people:detail", person_id=person.pk)
    form = RestrictForm(request.POST or None, choices=restriction_choices(request.membership))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        restrictions.restrict(
            actor=Actor.from_request(request),
            person=person,
            reason=data["reason"],
            manager=data["manager"],
            users=list(data["users"]),
            teams=list(data["teams"]),
        )
        return done(request, f"{person.full_name}'s record is restricted", "people:detail", person_id=person.pk)
    return render(request, "people/restrict.html", {"person": person, "form": form})


@require_POST
@permission_required("people.restrict")
def lift_restriction(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for(request.membership, person_id, session=request.session, to_change=True)
    restriction = restrictions.active_restriction(person)
    if restriction:
        restrictions.lift(actor=Actor.from_request(request), restriction=restriction)
        return done(
            request, f"Restriction lifted from {person.full_name}'s record", "people:detail", person_id=person.pk
        )
    return redirect("people:detail", person_id=person.pk)
