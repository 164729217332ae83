from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessflow.assessments"
    label = "assessments"
    verbose_name = "Assessments"
