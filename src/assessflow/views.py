"""Site-wide pages: home by role, signing in and out, keeping a session alive, choosing a role, errors."""

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.core.forms import GovukFormMixin
from assessflow.core.journeys import confirm
from assessflow.home import home_for
from assessflow.navigation import administration_for
from assessflow.people.services import record_people_searched
from assessflow.tenancy.middleware import SESSION_MEMBERSHIP_KEY
from assessflow.tenancy.selectors import invitations_for, memberships_of, notifications_for
from assessflow.tenancy.services import mark_notifications_read


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct email address and password. Passwords are case-sensitive.",
        "inactive": "This account has been switched off. Ask your council's administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class SignInView(LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timed_out"] = self.request.GET.get("timeout") == "1"
        return context


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("sign-in")


@require_POST
def extend_session(request: HttpRequest) -> JsonResponse:
    """Called by the timeout warning's "stay signed in": any request renews the session."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    request.session.modified = True
    return JsonResponse({"signed_in": True, "expires_in": request.session.get_expiry_age()})


@login_required
@require_http_methods(["GET", "POST"])
def choose_role(request: HttpRequest) -> HttpResponse:
    memberships = list(memberships_of(request.user))
    if request.method == "POST":
        chosen = request.POST.get("membership")
        for membership in memberships:
            if str(membership.pk) == chosen:
                request.session[SESSION_MEMBERSHIP_KEY] = membership.pk
                confirm(request, f"You are working as {membership.role_label.lower()} for {membership.organisation}")
                return redirect("home")
        return render(
            request,
            "tenancy/choose_role.html",
            {"memberships": memberships, "error": "Select the role you want to work in"},
            status=400,
        )
    return render(request, "tenancy/choose_role.html", {"memberships": memberships})


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own queue: what is waiting for it, counted, and the first few by name."""
    membership = request.membership
    invitations = invitations_for(request.user)
    if membership is None:
        return render(request, "no_role.html", {"invitations": invitations}, status=403)
    context = {"notifications": notifications_for(request.user), "invitations": invitations}
    mark_notifications_read(user=request.user)
    found = home_for(membership, timezone.localdate())
    if found.shown:
        record_people_searched(
            actor=Actor.from_request(request),
            council_ids=sorted({person.council_id for person in found.shown}),
            criteria=["home page"],
            found=found.shown,
        )
    context.update(found.sections)
    context["overview"] = found.sections.get("reviews")
    return render(request, "home.html", context)


@login_required
@require_GET
def administration(request: HttpRequest) -> HttpResponse:
    """The administrator's pages in one place, each with what it is for."""
    pages = administration_for(request.membership) if request.membership else []
    if not pages:
        raise PermissionDenied("Your role has no settings to change.")
    return render(request, "administration.html", {"pages": pages})


@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


def forbidden(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
