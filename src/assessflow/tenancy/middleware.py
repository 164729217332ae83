"""Resolve who is acting and run the request inside their tenant scope, failing closed."""

from django.http import HttpRequest
from django_scopes import scope

from .selectors import current_membership

SESSION_MEMBERSHIP_KEY = "membership_id"


class TenantScopeMiddleware:
    """Sets request.membership and activates the django-scopes "council" dimension.

    A request with no membership (signed out, or a user with no active role) gets
    no scope at all, so any query on council-owned data raises instead of leaking.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        request.membership, request.membership_count = None, 0
        if request.user.is_authenticated:
            request.membership, request.membership_count = current_membership(
                request.user, request.session.get(SESSION_MEMBERSHIP_KEY)
            )
        if request.membership is None:
            return self.get_response(request)
        with scope(council=request.membership.council_ids()):
            return self.get_response(request)
