from django.urls import path

from . import views

urlpatterns = [
    path("members/", views.members, name="organisation-members"),
    path("members/new/", views.member_new, name="member-new"),
    path("members/<int:membership_id>/", views.member, name="member"),
    path("members/<int:membership_id>/switch/", views.member_switch, name="member-switch"),
]
