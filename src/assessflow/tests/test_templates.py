"""Every page's title block is one line of text: markup there would end up in the browser's title bar."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
TITLE = re.compile(r"{% block title %}(.*?){% endblock %}", re.S)


def test_page_titles_hold_text_only():
    bad = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if (m := TITLE.search(path.read_text())) and ("<" in m.group(1) or "\n" in m.group(1))
    ]
    assert bad == []
