"""Small helpers shared by the casework services."""

from django.urls import reverse


def url_of(name: str, obj) -> str:
    return reverse(name, args=[obj.pk])
