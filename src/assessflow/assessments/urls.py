from django.urls import include, path

app_name = "assessments"

# Each part of the work keeps its own URL list beside its views.
urlpatterns = [
    path("", include("assessflow.assessments.record_urls")),
    path("", include("assessflow.assessments.plan_urls")),
    path("", include("assessflow.assessments.check_urls")),
    path("", include("assessflow.assessments.panel_urls")),
]
