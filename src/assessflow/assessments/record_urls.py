from django.urls import path

from . import record_views

urlpatterns = [
    path("<int:pk>/", record_views.assessment, name="assessment"),
]
