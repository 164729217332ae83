from django.urls import path

from . import letter_views, panel_views

urlpatterns = [
    path("panel/", panel_views.queue, name="panel"),
    path("panel/agenda/", panel_views.agenda, name="panel-agenda"),
    path("panel/<int:assessment_id>/", panel_views.case, name="panel-case"),
    path("panel/decisions/<int:decision_id>/", panel_views.decision_record, name="panel-decision"),
    path("<int:assessment_id>/panel-decisions/", panel_views.outcome, name="panel-outcome"),
    path("<int:assessment_id>/letters/", letter_views.letters_page, name="letters"),
    path(
        "<int:assessment_id>/letters/determination/",
        letter_views.determination_letter,
        name="letter-determination",
    ),
    path("<int:assessment_id>/letters/copy/", letter_views.copy_letter, name="letter-copy"),
]
