"""Every URL of Assessflow. Each app's pages live under its own prefix."""

from django.urls import include, path

from . import password_reset, views
from .tenancy.views import SetPasswordView

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("session/extend/", views.extend_session, name="session-extend"),
    path("role/", views.choose_role, name="choose-role"),
    path("settings/", views.administration, name="administration"),
    path("organisation/", include("assessflow.tenancy.urls")),
    path("set-password/<uidb64>/<token>/", SetPasswordView.as_view(), name="set-password"),
    path("sign-in/forgotten-password/", password_reset.ForgottenPasswordView.as_view(), name="password-forgotten"),
    path("sign-in/forgotten-password/sent/", password_reset.ResetLinkSentView.as_view(), name="password-reset-sent"),
    path("reset-password/<uidb64>/<token>/", password_reset.ResetPasswordView.as_view(), name="password-reset"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("people/", include("assessflow.people.urls")),
    path("casework/", include("assessflow.casework.urls")),
    path("front-door/", include("assessflow.frontdoor.urls")),
    path("portal/", include("assessflow.frontdoor.portal_urls")),
    path("waiting/", include("assessflow.waiting.urls")),
    path("safeguarding/", include("assessflow.safeguarding.urls")),
    path("allocation/", include("assessflow.allocation.urls")),
    path("assessments/", include("assessflow.assessments.urls")),
    path("portal/safeguarding/", include("assessflow.safeguarding.portal_urls")),
]

handler403 = "assessflow.views.forbidden"
handler404 = "assessflow.views.not_found"
handler500 = "assessflow.views.server_error"
