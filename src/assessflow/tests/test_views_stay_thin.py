"""Views parse the request, call a service or a selector, and render: none reaches the database itself."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1]
VIEW_MODULES = sorted(
    {*SRC.glob("*/views.py"), *SRC.glob("*/*_views.py"), SRC / "views.py"},
)


def _database_calls(path: Path) -> list[str]:
    """Each `Model.objects`, `get_object_or_404`, `transaction` and raw connection use, as "line: what"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Name) and node.id in ("get_object_or_404", "get_list_or_404", "transaction"):
            found.append(f"{node.lineno}: {node.id}")
        elif isinstance(node, ast.ImportFrom) and node.module == "django.db":
            found += [f"{node.lineno}: {a.name}" for a in node.names if a.name in ("connection", "connections")]
    return found


def test_there_are_view_modules_to_check():
    names = {f"{p.parent.name}/{p.name}" for p in VIEW_MODULES}
    assert {"allocation/views.py", "allocation/run_views.py", "waiting/settings_views.py"} <= names


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_view_module_reads_and_writes_only_through_services_and_selectors(path):
    assert _database_calls(path) == []


def test_the_check_finds_a_query_written_in_a_view(tmp_path):
    view = tmp_path / "views.py"
    view.write_text(
        "from django.db import connection, transaction\n"
        "def page(request):\n"
        "    with transaction.atomic():\n"
        "        return Absence.objects.filter(pk=1)\n"
    )
    assert sorted(_database_calls(view)) == ["1: connection", "3: transaction", "4: Absence.objects"]
