from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project itself: site-wide pages, layout templates and the run/demo commands."""

    name = "assessflow"
    label = "site"
    verbose_name = "Assessflow"
