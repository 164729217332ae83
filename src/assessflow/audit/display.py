"""How access-log entries read on a timeline: each app registers the sentence for every action code it writes."""

from collections.abc import Mapping

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from assessflow.core.extensions import ExtensionPoint

# Each app registers one table, action code -> sentence, keyed by the constants in its `actions` module.
ACTION_SENTENCES: ExtensionPoint[Mapping[str, str]] = ExtensionPoint("audit.sentences")


def sentence_for(action: str) -> str:
    for sentences in ACTION_SENTENCES:
        if action in sentences:
            return sentences[action]
    return action


def field_label(object_type: str, name: str) -> str:
    try:
        model = apps.get_model(object_type)
        return str(model._meta.get_field(name).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name.replace("_", " ")
