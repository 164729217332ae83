from django.urls import path

from . import views

app_name = "frontdoor"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("people/<int:person_id>/new/", views.new, name="new"),
    path("referrals/<int:referral_id>/", views.referral, name="referral"),
    path("referrals/<int:referral_id>/ask/", views.ask_referrer, name="ask"),
]
