from django.urls import path

from . import import_views, settings_views, views

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
    path("settings/", settings_views.waiting_settings, name="settings"),
    path("imports/", import_views.imports, name="imports"),
    path("imports/template.csv", import_views.import_template, name="import-template"),
    path("imports/<int:import_id>/", import_views.import_detail, name="import"),
    path("imports/<int:import_id>/progress/", import_views.import_progress, name="import-progress"),
    path("imports/<int:import_id>/publish/", import_views.import_publish, name="import-publish"),
    path("imports/<int:import_id>/matching/", import_views.import_mapping, name="import-mapping"),
    path("imports/<int:import_id>/match-again/", import_views.import_rematch, name="import-rematch"),
    path("imports/<int:import_id>/abandon/", import_views.import_abandon, name="import-abandon"),
]
