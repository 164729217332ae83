"""Pages for an organisation's administrator: its members, teams and contracts; and setting a password."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor

from . import selectors, services
from .forms import AddMemberForm, SetYourPasswordForm
from .middleware import SESSION_MEMBERSHIP_KEY
from .models import Invitation
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
            "invitations": selectors.pending_invitations_of(organisation),
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
            for field, problems in error.message_dict.items():
                if field == "__all__":
                    form.add_error(None, "This person already has that role here")
                else:
                    form.add_error(field if field in form.fields else None, problems)
        else:
            if isinstance(membership, Invitation):
                messages.success(
                    request,
                    f"{membership.email} already has an account, so we have invited them. "
                    "They get the role when they accept, the next time they sign in",
                )
                return redirect("organisation-members")
            messages.success(request, f"{membership.user.full_name} is added as {membership.role_label}")
            return redirect("member", membership_id=membership.pk)
    return render(request, "tenancy/member_new.html", {"form": form})


@require_GET
@permission_required("tenancy.manage_members")
def member(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = selectors.member_of(request.membership, membership_id)
    setup_path = services.password_setup_link_for(request.membership.organisation, membership.user)
    if setup_path:
        setup_path = request.build_absolute_uri(setup_path)
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


@require_POST
@permission_required("tenancy.manage_members")
def invitation_withdraw(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = services.withdraw_invitation(
        actor=Actor.from_request(request), organisation=request.membership.organisation, invitation_id=invitation_id
    )
    messages.success(request, f"The invitation to {invitation.email} is withdrawn")
    return redirect("organisation-members")


@require_POST
@login_required
def invitation_answer(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """The invited person, signed in as themselves, accepts or declines; nobody else can."""
    invitation = services.pending_invitation(user=request.user, invitation_id=invitation_id)
    accept = request.POST.get("answer") == "accept"
    services.answer_invitation(actor=Actor.from_request(request), invitation=invitation, accept=accept)
    if accept:
        request.session[SESSION_MEMBERSHIP_KEY] = invitation.membership_id
        messages.success(
            request, f"You now work with {invitation.organisation.name} as {invitation.get_role_display().lower()}"
        )
    else:
        messages.success(request, f"You declined the invitation from {invitation.organisation.name}")
    return redirect("home")


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
