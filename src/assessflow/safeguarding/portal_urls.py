from django.urls import path

from . import portal_views

app_name = "safeguarding-portal"

urlpatterns = [
    path("", portal_views.concerns, name="concerns"),
    path("new/", portal_views.new, name="new"),
    path("<int:concern_id>/", portal_views.concern, name="concern"),
    path("dols/new/", portal_views.new_dols, name="dols-new"),
    path("dols/<int:application_id>/", portal_views.dols, name="dols"),
]
