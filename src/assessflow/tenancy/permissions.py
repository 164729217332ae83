"""How a page asks whether the acting role may do something; each app's `rules.py` adds its rules to `permissions`."""

from functools import wraps

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .models import Membership
from .roles import OrganisationKind, Role

# One rule set for the whole project; each app adds its own rules to it. The
# subject is the acting Membership (a user may hold several roles), not the User.
permissions = rules.RuleSet()


def has_role(*roles: Role):
    names = frozenset(roles)

    @rules.predicate(name=f"has_role({', '.join(sorted(names))})")
    def predicate(membership: Membership) -> bool:
        return membership.role in names

    return predicate


@rules.predicate
def works_for_council(membership: Membership) -> bool:
    return membership.organisation.kind == OrganisationKind.COUNCIL


@rules.predicate
def works_for_provider(membership: Membership) -> bool:
    return membership.organisation.kind == OrganisationKind.PROVIDER


def may(membership: Membership | None, permission: str, obj=None) -> bool:
    return membership is not None and permissions.test_rule(permission, membership, obj)


def require(membership: Membership | None, permission: str, obj=None) -> None:
    """403 unless the acting role may do this. Objects outside the user's scope never get here: they 404."""
    if not may(membership, permission, obj):
        raise PermissionDenied(f"Your role cannot do this ({permission}).")


def permission_required(permission: str):
    """View decorator: sign-in first, then 403 unless the acting role holds `permission`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(request.membership, permission)
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator
