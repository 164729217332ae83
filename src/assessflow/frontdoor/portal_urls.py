from django.urls import path

from . import portal_views

app_name = "portal"

urlpatterns = [
    path("", portal_views.referrals, name="referrals"),
    path("new/", portal_views.person_step, name="new"),
    path("new/referral/", portal_views.referral_step, name="referral-step"),
    path("new/check/", portal_views.check, name="check"),
    path("referrals/<int:referral_id>/", portal_views.referral, name="referral"),
    path("referrals/<int:referral_id>/answer/", portal_views.answer, name="answer"),
]
