from django.urls import path

from . import views

urlpatterns = [
    path("members/", views.members, name="organisation-members"),
    path("members/new/", views.member_new, name="member-new"),
    path("members/<int:membership_id>/", views.member, name="member"),
    path("members/<int:membership_id>/switch/", views.member_switch, name="member-switch"),
    path("invitations/<int:invitation_id>/withdraw/", views.invitation_withdraw, name="invitation-withdraw"),
    path("invitations/<int:invitation_id>/answer/", views.invitation_answer, name="invitation-answer"),
]
