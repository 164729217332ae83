"""Sign-in throttling: a low limit per account at one address, a higher one per address across all accounts.

django-axes compares every lock-out parameter against one failure limit. Here each has its
own: AXES_FAILURE_LIMIT for one email address tried from one client address (a mistyped
password), SIGN_IN_ADDRESS_FAILURE_LIMIT for one client address across every email address
(a few passwords sprayed over many accounts). Nothing is keyed on the email address alone,
so failures from somewhere else never lock a worker out where they are.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def sign_in_username(request, credentials: dict | None = None) -> str | None:
    """The email address as the sign-in matches it (any case, outer spaces ignored), so variants count as one."""
    source = credentials if credentials is not None else getattr(request, "POST", {})
    username = source.get(settings.AXES_USERNAME_FORM_FIELD) if source else None
    return username.strip().lower() if isinstance(username, str) else username


def _limit_for(parameter) -> int:
    if parameter in ("ip_address", ["ip_address"]):
        return settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
    return settings.AXES_FAILURE_LIMIT


class SignInAttemptHandler(AxesDatabaseHandler):
    """The database handler, with a limit for each lock-out parameter instead of one for all."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """Failures counted towards the nearest limit, on the scale of AXES_FAILURE_LIMIT.

        axes locks out when this reaches AXES_FAILURE_LIMIT, which happens exactly when one
        parameter's own count reaches its own limit.
        """
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        headroom = min(
            _limit_for(parameter) - (attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)
            for parameter, attempts in zip(parameters, attempts_list, strict=True)
        )
        return max(0, settings.AXES_FAILURE_LIMIT - headroom)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """A successful sign-in clears that account's failures at that address, never the address's whole count.

        Otherwise someone spraying passwords from one address could sign in to an account of
        their own now and then to start the address's count again.
        """
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials), ip_address=request.axes_ip_address
        ).delete()
        return count
