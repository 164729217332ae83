"""Every access-log action code is a named constant, and every one reads as a sentence on a timeline."""

import ast
import importlib
import re
from enum import StrEnum
from pathlib import Path

from django.apps import apps

from assessflow.audit.display import sentence_for

SOURCE = Path(__file__).resolve().parents[1]


def _action_enums() -> list[type[StrEnum]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("assessflow."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.actions")
        except ModuleNotFoundError:
            continue
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, StrEnum) and value.__module__ == module.__name__
        ]
    return found


def _all_codes() -> list[StrEnum]:
    return [code for enum in _action_enums() for code in enum]


def test_every_app_that_writes_to_the_access_log_names_its_codes():
    owners = {enum.__module__.split(".")[1] for enum in _action_enums()}
    assert owners >= {"audit", "tenancy", "people", "casework", "frontdoor", "waiting", "safeguarding", "allocation"}


def test_every_action_code_has_its_sentence():
    missing = [
        f"{type(code).__module__}.{code.name} = {code.value!r}" for code in _all_codes() if not _has_sentence(code)
    ]
    assert not missing, "No timeline sentence registered for:\n" + "\n".join(missing)


def _has_sentence(code: str) -> bool:
    sentence = sentence_for(code)
    return bool(sentence.strip()) and sentence != code


def test_no_two_apps_claim_the_same_code():
    values = [code.value for code in _all_codes()]
    assert sorted(values) == sorted(set(values))


def test_an_unknown_code_reads_as_itself_rather_than_as_another_codes_sentence():
    assert sentence_for("nothing.such") == "nothing.such"


CODE = re.compile(r"[a-z_]+(\.[a-z_{}]+)+")  # "waiting.added", f"waiting.{status}"; not a protection action's text


def _looks_like_a_code(value: ast.expr) -> bool:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return bool(CODE.fullmatch(value.value))
    if isinstance(value, ast.JoinedStr):
        return bool(CODE.fullmatch(ast.unparse(value)[2:-1]))
    return False


def _written_with_a_bare_string() -> list[str]:
    """`action=` given a code as a string or an f-string, where the access log (or a helper that writes to it)
    is called, instead of one of the app's constants."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "conftest.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Call):
                found += [
                    f"{path.relative_to(SOURCE)}:{node.lineno}"
                    for keyword in node.keywords
                    if keyword.arg == "action" and _looks_like_a_code(keyword.value)
                ]
    return found


def test_every_access_log_entry_is_written_with_a_named_code():
    """A code written as a bare string would escape the sentence check above; each app names its codes."""
    assert _written_with_a_bare_string() == []
