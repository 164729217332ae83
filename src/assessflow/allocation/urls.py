from django.urls import path

from . import run_views, views

app_name = "allocation"

urlpatterns = [
    path("pool/", views.pool, name="pool"),
    path("pool/<int:membership_id>/", views.profile, name="profile"),
    path("pool/<int:membership_id>/absences/", views.absence, name="absence"),
    path("entries/<int:entry_id>/", views.allocate, name="allocate"),
    path("entries/<int:entry_id>/withdraw/", views.unallocate, name="unallocate"),
    path("entries/<int:entry_id>/conflicts/", views.conflict, name="conflict"),
    path("caseload/", views.caseload, name="caseload"),
    path("team/", views.team, name="team"),
    path("suggestions/", run_views.suggest, name="suggest"),
    path("suggestions/<int:run_id>/", run_views.run, name="run"),
    path("suggestions/<int:run_id>/accept/", run_views.accept, name="accept"),
    path("suggestions/<int:run_id>/accept-all/", run_views.accept_all, name="accept-all"),
    path("suggestions/<int:run_id>/undo/", run_views.undo_run, name="undo"),
    path("settings/", run_views.allocation_settings, name="settings"),
]
