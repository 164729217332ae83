from django.urls import path

from . import check_views

urlpatterns = [
    path("checks/", check_views.queue, name="checks"),
    path("<int:assessment_id>/check/", check_views.check, name="check"),
    path("settings/", check_views.settings_page, name="settings"),
]
