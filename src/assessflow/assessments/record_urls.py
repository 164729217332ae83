from django.urls import path

from . import record_views

urlpatterns = [
    path("start/<int:entry_id>/", record_views.start, name="start"),
    path("<int:assessment_id>/", record_views.assessment, name="assessment"),
    path("<int:assessment_id>/sections/<section>/", record_views.section, name="section"),
    path("<int:assessment_id>/sections/<section>/draft/", record_views.draft, name="draft"),
    path("<int:assessment_id>/offer-carer/", record_views.offer_carer, name="offer-carer"),
    path("<int:assessment_id>/submit/", record_views.submit, name="submit"),
]
