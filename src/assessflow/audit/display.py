"""How access-log entries read on a timeline: one table of action codes to sentences, filled by each app."""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

_SENTENCES: dict[str, str] = {}


def register_sentences(sentences: dict[str, str]) -> None:
    _SENTENCES.update(sentences)


def sentence_for(action: str) -> str:
    return _SENTENCES.get(action, action)


def field_label(object_type: str, name: str) -> str:
    try:
        model = apps.get_model(object_type)
        return str(model._meta.get_field(name).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name.replace("_", " ")
