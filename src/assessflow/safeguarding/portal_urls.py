from django.urls import path

from . import portal_views

app_name = "safeguarding-portal"

urlpatterns = [
    path("", portal_views.concerns, name="concerns"),
    path("new/", portal_views.new, name="new"),
    path("<int:concern_id>/", portal_views.concern, name="concern"),
]
