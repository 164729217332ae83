"""Reading the success banner a page shows after an action, as a user reads it."""

import re
from html import unescape

BANNER = re.compile(
    r'<div class="govuk-notification-banner govuk-notification-banner--success" role="alert"[^>]*>.*?'
    r'<p class="govuk-notification-banner__heading">(.*?)</p>',
    re.S,
)
LINK = re.compile(r'<a class="govuk-notification-banner__link" href="([^"]*)">')


def banner(response) -> str:
    """The words of every success banner on a followed response, tags removed; "" where there is none."""
    found = BANNER.findall(response.content.decode())
    return " ".join(unescape(re.sub(r"<[^>]+>", "", text)).strip() for text in found)


def banner_links(response) -> list[str]:
    """Where the links in the success banners go."""
    return [unescape(href) for text in BANNER.findall(response.content.decode()) for href in LINK.findall(text)]
