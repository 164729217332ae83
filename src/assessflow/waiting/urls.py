from django.urls import path

from . import views

app_name = "waiting"

urlpatterns = [
    path("", views.waiting_list, name="list"),
    path("export.csv", views.export, {"file_format": "csv"}, name="export-csv"),
    path("export.xlsx", views.export, {"file_format": "xlsx"}, name="export-xlsx"),
    path("screen/<int:referral_id>/", views.screen, name="screen"),
    path("entries/<int:entry_id>/", views.entry, name="entry"),
    path("entries/<int:entry_id>/priority/", views.reprioritise, name="reprioritise"),
    path("entries/<int:entry_id>/keep-in-touch/", views.keep_in_touch, name="keep-in-touch"),
    path("keep-in-touch/", views.keep_in_touch_list, name="keep-in-touch-list"),
]
