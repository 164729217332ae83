"""Helpers for the import tests: a page's form fields as a browser would send them, and a field by its label."""

from html.parser import HTMLParser


class _Fields(HTMLParser):
    """The values a browser would send for a page's form: each select's chosen option, hidden inputs, text."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self.select: str | None = None
        self.first: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.select, self.first = attrs["name"], None
        elif tag == "option" and self.select:
            if self.first is None:
                self.first = attrs.get("value", "")
            if "selected" in attrs:
                self.data[self.select] = attrs.get("value", "")
        elif tag == "input" and attrs.get("type") in ("hidden", "text") and attrs.get("name"):
            self.data[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            self.data.setdefault(self.select, self.first or "")
            self.select = None


def offered(page: str) -> dict[str, str]:
    """What submitting the page's form unchanged would send (the first form's fields and the others')."""
    parser = _Fields()
    parser.feed(page)
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


def value_field(page: str, column: str, value: str) -> str:
    """The name of the select that matches one of the file's values, found by its label on the page."""
    parser = _Labels()
    parser.feed(page)
    name = parser.fields[value.strip()]
    assert name.startswith(f"value_{column}_"), (name, column)
    return name


class _Labels(HTMLParser):
    """{label text: the name of the field it labels}."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.target: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for", "").startswith("id_"):
            self.target, self.text = attrs["for"].removeprefix("id_"), ""

    def handle_data(self, data):
        if self.target:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "label" and self.target:
            self.fields[self.text.strip().removesuffix("(optional)").strip()] = self.target
            self.target = None
