"""Every page each demo role can reach, and their error states, pass axe-core at WCAG 2.2 AA."""

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import Resolver404, resolve

from assessflow.people.demo.loader import DEMO_USERS

from .conftest import sign_in

pytestmark = pytest.mark.browser

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()
# Not pages: signing out ends the crawl's session; the others download a file or answer JSON.
NOT_FOLLOWED = {
    "sign-out",
    "casework:document",
    "waiting:export-csv",
    "waiting:export-xlsx",
    "waiting:import-template",
    "waiting:import-progress",
    "safeguarding:returns-csv",
}


def violations(page) -> list[str]:
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def page_type(url: str) -> str | None:
    """One object per page type: /people/12/ and /people/13/ are the same page."""
    try:
        return resolve(urlparse(url).path).view_name
    except Resolver404:
        return None


def crawl(page, base_url: str, problems: list[str], limit: int = 40) -> dict[str, str]:
    """Follow same-site links from the home page, visiting each page type once and checking it while it is open."""
    seen: dict[str, str] = {}
    queue = [f"{base_url}/"]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        kind = page_type(url)
        if kind is None or kind in seen or kind in NOT_FOLLOWED:
            continue
        page.goto(url)
        seen[kind] = url
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            if href.startswith(base_url) and "#" not in href:
                queue.append(href)
        problems += violations(page)
    return seen


def find_someone(page, base_url: str) -> None:
    """Search the demo council so that result rows (and their links) are on the page."""
    page.goto(f"{base_url}/people/?family_name=smith&given_name=a")
    if page.locator("table a").count() == 0:
        page.goto(f"{base_url}/people/?nhs_number=9990000026")


@pytest.mark.parametrize("user", DEMO_USERS, ids=lambda u: u.email.split("@")[0])
def test_every_page_a_role_reaches_has_no_violations(demo_server, page, user):
    sign_in(page, demo_server.url, user.email, settings.DEMO_PASSWORD)
    problems: list[str] = []
    # Each page the crawl opens is checked there and then, rather than opened a second time to be checked.
    visited = crawl(page, demo_server.url, problems)
    if "people:find" in visited:
        find_someone(page, demo_server.url)
        problems += violations(page)
        links = page.eval_on_selector_all("table a[href]", "links => links.map(a => a.href)")
        if links:
            found = {k: v for k, v in crawl_from(page, demo_server.url, links[0]).items() if k not in visited}
            for url in found.values():
                page.goto(url)
                problems += violations(page)
            visited |= found
    assert "home" in visited
    assert not problems, "\n".join(problems)


def crawl_from(page, base_url: str, start: str) -> dict[str, str]:
    seen = {}
    page.goto(start)
    seen[page_type(start)] = start
    for href in page.eval_on_selector_all("main a[href]", "links => links.map(a => a.href)"):
        kind = page_type(href)
        if href.startswith(base_url) and kind and kind not in seen and kind not in NOT_FOLLOWED:
            seen[kind] = href
    return seen


def test_error_states_have_no_violations(demo_server, page):
    problems = []
    page.goto(f"{demo_server.url}/sign-in/")
    page.click("button[type=submit]")
    problems += violations(page)

    sign_in(page, demo_server.url, "frontdoor@demo-borough.example", settings.DEMO_PASSWORD)
    page.goto(f"{demo_server.url}/people/?given_name=x")
    page.wait_for_selector(".govuk-error-summary", state="visible")
    problems += violations(page)

    page.goto(f"{demo_server.url}/people/new/")
    page.fill("#id_date_of_birth_1", "13")
    page.click("form[data-autosave] button[type=submit]")
    page.wait_for_selector(".govuk-error-summary", state="visible")
    problems += violations(page)

    find_someone(page, demo_server.url)
    page.locator("table a").first.click()
    page.get_by_role("link", name="Add a carer, relative or representative").click()
    page.click("form[data-autosave] button[type=submit]")
    page.wait_for_selector(".govuk-error-summary", state="visible")
    problems += violations(page)

    page.goto(f"{demo_server.url}/people/999999/")
    assert "Page not found" in page.content()
    problems += violations(page)
    assert not problems, "\n".join(problems)
