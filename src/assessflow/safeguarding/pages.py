"""What every safeguarding page does the same way: a form that calls one service, and the audited read."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.people.extensions import person_page


def add_errors(form, error: ValidationError) -> None:
    """Put a service's errors on the fields they name, and the rest at the top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def as_initial(record, names) -> dict:
    """A record's values as a form's initial data: yes/no questions are radios of "yes" and "no"."""
    values = {}
    for name in names:
        value = getattr(record, name)
        values[name] = ("yes" if value else "no") if isinstance(value, bool) else value
    return values


def form_page(
    request: HttpRequest,
    *,
    form,
    run: Callable[[dict], object],
    person,
    record=None,
    title: str,
    button: str,
    done: Callable[[object], HttpResponse] | str,
    intro: str = "",
    template: str = "safeguarding/form.html",
) -> HttpResponse:
    """Show the form; on a valid POST call the service, then go on; on its errors, show them per field."""
    if request.method == "POST" and form.is_valid():
        try:
            result = run(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return done(result) if callable(done) else redirect(done)
    return render(
        request,
        template,
        {
            **person_page(request.membership, person, concern_from=None),
            "record": record,
            "form": form,
            "heading": title,
            "button": button,
            "intro": intro,
        },
        status=400 if form.errors else 200,
    )


def viewed(request: HttpRequest, record, action: str) -> None:
    record_on_person(actor=Actor.from_request(request), kind=AccessEvent.Kind.VIEW, action=action, obj=record)
