"""Every page that shows a person logs a view of them, even one whose view forgot to.

A page that logs its own view (with its own action and the fields it shows) is not logged twice; any person
a shown page opened and did not log gets one generic entry naming the page.
"""

from django.http import HttpRequest, HttpResponse

from . import page_views
from .actions import AccessAction
from .actor import Actor
from .models import AccessEvent
from .services import record_access


def _shown(request: HttpRequest, response: HttpResponse) -> bool:
    """A page or a file was shown: not a refusal, a redirect, an error, or a form post."""
    return request.method == "GET" and 200 <= response.status_code < 300


class PersonViewMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with page_views.tracking() as views:
            response = self.get_response(request)
        unlogged = views.unlogged()
        if unlogged and _shown(request, response):
            actor = Actor.from_request(request)
            page = request.resolver_match.view_name if request.resolver_match else ""
            for person in unlogged:
                record_access(
                    actor=actor,
                    kind=AccessEvent.Kind.VIEW,
                    action=AccessAction.PERSON_SHOWN,
                    obj=person,
                    council_id=person.council_id,
                    person_id=person.pk,
                    detail={"page": page},
                )
        return response
