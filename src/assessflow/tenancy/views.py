"""Pages for an organisation's administrator: its members, teams and contracts; and setting a password."""

from django.contrib import messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor

from . import selectors, services
from .forms import AddMemberForm, SetYourPasswordForm
from .permissions import permission_required


@require_GET
@permission_required("tenancy.manage_members")
def members(request: HttpRequest) -> HttpResponse:
    organisation = request.membership.organisation
    return render(
        request,
        "tenancy/members.html",
        {
            "organisation": organisation,
            "members": selectors.members_of_organisation(organisation),
            "teams": selectors.teams_of(organisation),
            "contracts": selectors.contracts_of(organisation),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("tenancy.manage_members")
def member_new(request: HttpRequest) -> HttpResponse:
    organisation = request.membership.organisation
    form = AddMemberForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.add_member(
                actor=Actor.from_request(request), organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(
                None, "This person already has that role here" if "__all__" in error.message_dict else error.messages
            )
        else:
            return redirect("member", membership_id=membership.pk)
    return render(request, "tenancy/member_new.html", {"form": form})


@require_GET
@permission_required("tenancy.manage_members")
def member(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = selectors.member_of(request.membership, membership_id)
    setup_path = None
    if not membership.user.has_usable_password():
        setup_path = request.build_absolute_uri(services.password_setup_path(membership.user))
    return render(request, "tenancy/member.html", {"member": membership, "setup_link": setup_path})


@require_POST
@permission_required("tenancy.manage_members")
def member_switch(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = selectors.member_of(request.membership, membership_id)
    if membership.pk == request.membership.pk:
        raise PermissionDenied("Nobody can switch off their own role")
    active = request.POST.get("active") == "1"
    services.set_membership_active(actor=Actor.from_request(request), membership=membership, active=active)
    messages.success(request, f"{membership.user.full_name}'s role is switched {'on' if active else 'off'}")
    return redirect("member", membership_id=membership.pk)


class SetPasswordView(PasswordResetConfirmView):
    """The one-off link a new member follows to set their password; a used or wrong link is not found."""

    template_name = "registration/set_password.html"
    form_class = SetYourPasswordForm
    success_url = reverse_lazy("sign-in")
    post_reset_login = False

    def render_to_response(self, context, **kwargs):
        if not context.get("validlink"):
            kwargs["status"] = 404
        return super().render_to_response(context, **kwargs)

    def form_valid(self, form):
        messages.success(self.request, "Your password is set. Sign in to carry on")
        return super().form_valid(form)
