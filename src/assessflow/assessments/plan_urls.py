from django.urls import path

from . import plan_views

# A line is named by `?line=` (or a posted `line`) and found only on the assessment's own plan.
urlpatterns = [
    path("<int:assessment_id>/plan/", plan_views.plan, name="plan"),
    path("<int:assessment_id>/plan/details/", plan_views.details, name="plan-details"),
    path("<int:assessment_id>/plan/line/", plan_views.line, name="plan-line"),
    path("<int:assessment_id>/plan/line/remove/", plan_views.remove_line, name="plan-line-remove"),
]
