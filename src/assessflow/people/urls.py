from django.urls import path

from . import restriction_views, views

app_name = "people"

urlpatterns = [
    path("", views.find, name="find"),
    path("new/", views.new, name="new"),
    path("me/", views.my_record, name="my-record"),
    path("<int:person_id>/", views.detail, name="detail"),
    path("<int:person_id>/edit/", views.edit, name="edit"),
    path("<int:person_id>/relationships/new/", views.relationship_new, name="relationship-new"),
    path("<int:person_id>/access-log/", views.access_log, name="access-log"),
    path("<int:person_id>/break-glass/", restriction_views.break_glass, name="break-glass"),
    path("<int:person_id>/restrict/", restriction_views.restrict, name="restrict"),
    path("<int:person_id>/restrict/lift/", restriction_views.lift_restriction, name="lift-restriction"),
]
