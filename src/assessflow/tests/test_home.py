"""Each role's home page: its own queue with counts, no other role's, and a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.allocation.models import Allocation
from assessflow.assessments.models import Assessment
from assessflow.audit.models import AccessEvent
from assessflow.frontdoor.models import Referral
from assessflow.safeguarding.models import Concern, DolsApplication
from assessflow.tests import factories
from assessflow.waiting.models import WaitingListEntry

QUEUE_HEADINGS = {
    "screening": "Waiting for screening",
    "safeguarding": "Safeguarding concerns",
    "dols": "DoLS requests by statutory deadline",
    "caseload": "Your caseload",
    "waiting": "Waiting lists",
    "provider": "Cases handed to",
    "panel": "Funding panel",
    "administration": "Settings",
    "referrer": "Your organisation's referrals",
    "citizen": "Your record",
}


def _main(response) -> str:
    """The page's own content, without the navigation and header every page shares."""
    page = response.content.decode()
    return page[page.index('<main class="govuk-main-wrapper"') : page.index("</main>")]


def _nav_labels(response) -> list[str]:
    return [item.label for item in response.context["navigation"]]


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        ("front_door_a", {"screening"}),
        ("safeguarding_a", {"safeguarding", "caseload"}),
        ("dols_a", {"dols", "screening", "waiting"}),
        ("assessor_a", {"caseload"}),
        ("team_manager_a", {"screening", "waiting"}),
        ("panel_member_a", {"panel"}),
        ("performance_lead_a", {"waiting"}),
        ("council_admin_a", {"administration"}),
        ("provider_assessor", {"caseload", "provider"}),
        ("provider_team_manager", {"provider"}),
        ("provider_contract_manager", {"provider", "administration"}),
        ("referrer_a", {"referrer"}),
        ("citizen_a", {"citizen"}),
    ],
)
def test_each_role_lands_on_its_own_queue_and_no_one_elses(cast, sign_in, member, expected):
    response = sign_in(cast.member(member)).get(reverse("home"))
    assert response.status_code == 200
    main = _main(response)
    shown = {key for key, heading in QUEUE_HEADINGS.items() if _has_heading(main, heading)}
    assert shown == expected, member


def _has_heading(main: str, heading: str) -> bool:
    return re.search(r'<h2 class="govuk-heading-m">' + re.escape(heading), main) is not None


@pytest.mark.parametrize("member", ["provider_assessor", "provider_team_manager", "referrer_a", "citizen_a"])
def test_nothing_of_safeguarding_or_dols_reaches_the_public_and_providers(cast, sign_in, member):
    main = _main(sign_in(cast.member(member)).get(reverse("home")))
    assert "afeguarding" not in main
    assert "DoLS" not in main and "Deprivation of Liberty" not in main
    for records in cast.casework.values():
        assert records["concern"].reference not in main
        assert records["dols"].reference not in main


def test_the_front_door_sees_who_waits_by_name_and_age_with_counts(cast, sign_in):
    member = cast.member("front_door_a")
    with scopes_disabled():
        old = factories.ReferralFactory(person=cast.person_a, urgency="urgent")
        Referral.objects.filter(pk=old.pk).update(received_at=timezone.now() - datetime.timedelta(days=10))
        waiting = Referral.objects.filter(council=cast.council_a, status__in=["received", "info_requested"])
        total, urgent = waiting.count(), waiting.filter(urgency="urgent").count()
    response = sign_in(member).get(reverse("home"))
    counts = response.context["screening"]["counts"]
    assert (counts["total"], counts["urgent"], counts["older"]) == (total, urgent, 1)
    assert counts["today"] + counts["this_week"] + counts["older"] == total
    assert counts["received"] + counts["info_requested"] == total
    main = _main(response)
    assert f'<strong class="govuk-!-font-size-36">{total}</strong> contact' in main
    assert "Alice Ashworth" in main and f'<td class="govuk-table__cell">{cast.person_a.age}</td>' in main
    assert old.reference in main
    assert "Bertha" not in main, "another council's referrals stay out"
    # The names shown are in the access log, as any list of people is.
    with scopes_disabled():
        logged = AccessEvent.objects.filter(action="person.searched", actor=member.user, council_id=cast.council_a.pk)
        assert cast.person_a.pk in logged.latest("pk").detail["shown"]


def test_the_safeguarding_team_sees_concerns_by_when_they_are_due(cast, sign_in):
    with scopes_disabled():
        late = factories.ConcernFactory(person=cast.person_a, risk="high")
        Concern.objects.filter(pk=late.pk).update(raised_at=timezone.now() - datetime.timedelta(days=30))
        factories.ConcernFactory(person=cast.person_a_handed)
    response = sign_in(cast.member("safeguarding_a")).get(reverse("home"))
    found = response.context["safeguarding"]
    assert found["overdue"] >= 1
    assert found["overdue"] + found["due_today"] + found["later"] == found["total"] == 2
    main = _main(response)
    assert late.reference in main and "Alice Ashworth" in main
    assert "Overdue" in main


def test_the_dols_team_sees_requests_by_statutory_deadline(cast, sign_in):
    with scopes_disabled():
        breached = factories.DolsApplicationFactory(person=cast.person_a, received_on=datetime.date(2026, 1, 5))
        open_requests = DolsApplication.objects.filter(council=cast.council_a, status__in=["received", "waiting"])
        total = open_requests.count()
    response = sign_in(cast.member("dols_a")).get(reverse("home"))
    found = response.context["dols"]
    assert found["breached"] >= 1
    assert found["breached"] + found["due_soon"] + found["later"] == found["total"] == total
    main = _main(response)
    assert breached.reference in main and "Past the deadline" in main


def test_the_assessor_sees_their_caseload_and_what_is_due_next(cast, sign_in):
    member = cast.member("assessor_a")
    today = timezone.localdate()
    with scopes_disabled():
        for person, due_on in ((cast.person_a, today - datetime.timedelta(days=3)), (cast.citizen_person_a, today)):
            entry = factories.WaitingListEntryFactory(person=person, status="allocated", due_on=due_on)
            Allocation.objects.create(
                council=cast.council_a,
                entry=entry,
                person=person,
                assessor=member.user,
                organisation=cast.council_a,
                allocated_by=cast.member("team_manager_a").user,
                reason="Knows the family",
            )
    response = sign_in(member).get(reverse("home"))
    assert response.context["caseload"]["counts"] == {"open": 2, "due_soon": 1, "overdue": 1}
    main = _main(response)
    assert main.index("Alice Ashworth") < main.index("Cecil Quayle"), "the most overdue comes first"
    other = sign_in(cast.member("front_door_a")).get(reverse("home"))
    assert "caseload" not in other.context or other.context.get("caseload") is None


def test_the_manager_sees_waiting_lists_by_work_and_priority_and_the_way_to_allocate(cast, sign_in):
    with scopes_disabled():
        factories.WaitingListEntryFactory(person=cast.person_a, work_type="needs_assessment", priority="red")
        factories.WaitingListEntryFactory(
            person=cast.person_a_handed, work_type="needs_assessment", priority="red", due_on=datetime.date(2026, 1, 2)
        )
        waiting = WaitingListEntry.objects.filter(council=cast.council_a, status="waiting")
        total = waiting.count()
        red_needs = waiting.filter(work_type="needs_assessment", priority="red").count()
    response = sign_in(cast.member("team_manager_a")).get(reverse("home"))
    found = response.context["waiting"]
    assert found["summary"].total == total
    assert found["summary"].by_work_and_priority[("needs_assessment", "red")] == (red_needs, 1)
    main = _main(response)
    assert '<th scope="row" class="govuk-table__header">Needs assessment</th>' in main
    assert reverse("allocation:suggest") in main and reverse("allocation:team") in main
    # The performance lead sees the same counts, without the way to allocate.
    lead = sign_in(cast.member("performance_lead_a")).get(reverse("home"))
    assert lead.context["waiting"]["summary"].total == total
    assert reverse("allocation:suggest") not in _main(lead)
    assert reverse("safeguarding:returns") in _main(lead)


def test_the_panel_member_sees_how_many_plans_wait_for_the_panel(cast, sign_in):
    with scopes_disabled():
        waiting = Assessment.objects.filter(council=cast.council_a, status="with_panel").count()
        factories.AssessmentFactory(allocation__entry__person=cast.person_a, status="with_panel")
        factories.AssessmentFactory(allocation__entry__person=cast.person_b, status="with_panel")  # council B's panel
    main = _main(sign_in(cast.member("panel_member_a")).get(reverse("home")))
    assert f"{waiting + 1} support plans waiting for the panel's decision" in main
    assert reverse("assessments:panel") in main
    assert "Alice" not in main  # counted only: names are read on the panel's pages, where each read is logged
    assert reverse("people:find") not in main


def test_the_provider_sees_its_contract_cases_only(cast, sign_in):
    main = _main(sign_in(cast.member("provider_assessor")).get(reverse("home")))
    assert "Harold Handley" in main
    assert "Alice Ashworth" not in main and "Bertha" not in main


def test_the_referrer_sees_its_own_referrals_only(cast, sign_in):
    with scopes_disabled():
        factories.ReferralFactory(
            person=cast.person_b, channel="portal", referrer_organisation=cast.referrer_org_b, reason="Surgery B's"
        )
    response = sign_in(cast.member("referrer_a")).get(reverse("home"))
    assert response.context["referrer"]["counts"]["total"] == 1
    main = _main(response)
    assert cast.portal_referral_a.reference in main and "Alyce Ashwerth" in main
    assert "Bertha" not in main


def test_the_citizen_sees_their_own_record(cast, sign_in):
    main = _main(sign_in(cast.member("citizen_a")).get(reverse("home")))
    assert "Cecil Quayle" in main and reverse("people:my-record") in main
    assert "Doris" not in main


def test_the_council_admin_sees_every_settings_page_grouped(cast, sign_in):
    response = sign_in(cast.member("council_admin_a")).get(reverse("home"))
    main = _main(response)
    for label in ("Users and teams", "Import a backlog", "Timescales", "Assessor pool", "Allocation weights"):
        assert label in main
    assert _nav_labels(response) == ["Home", "Settings"]
    page = sign_in(cast.member("council_admin_a")).get(reverse("administration"))
    assert page.status_code == 200
    assert "Which teams work safeguarding concerns and DoLS requests" in page.content.decode()


@pytest.mark.parametrize("member", ["assessor_a", "referrer_a", "citizen_a", "panel_member_a"])
def test_the_settings_page_is_refused_to_roles_with_no_settings(cast, sign_in, member):
    client = sign_in(cast.member(member))
    assert client.get(reverse("administration")).status_code == 403
    assert client.post(reverse("administration")).status_code == 405


def test_the_navigation_fits_one_row(cast, sign_in):
    """At most seven items, eight for a manager who also leads DoLS: one row at desktop width."""
    for member in cast.members:
        if member.endswith("_b") or member.startswith("citizen"):
            continue
        client = sign_in(cast.member(member))
        labels = _nav_labels(client.get(reverse("home")))
        assert len(labels) <= (8 if member == "dols_a" else 7), (member, labels)


@pytest.mark.parametrize(
    ("member", "path", "current", "aria"),
    [
        ("team_manager_a", "waiting:list", "Waiting lists", "page"),
        ("team_manager_a", "waiting:keep-in-touch-list", "Waiting lists", "true"),
        ("team_manager_a", "allocation:pool", "Allocate", "true"),
        ("council_admin_a", "allocation:pool", "Settings", "true"),
        ("council_admin_a", "waiting:settings", "Settings", "true"),
        ("dols_a", "safeguarding:dols-list", "DoLS", "page"),
    ],
)
def test_the_current_section_stays_highlighted(cast, sign_in, member, path, current, aria):
    page = sign_in(cast.member(member)).get(reverse(path)).content.decode()
    marked = re.findall(
        r'aria-current="(\w+)"><strong class="govuk-service-navigation__active-fallback">([^<]+)<', page
    )
    assert marked == [(aria, current)]


# Each role's home in a fixed number of queries, whatever the number of rows behind its counts.
ROLE_QUERIES = [
    ("front_door_a", 24),
    ("safeguarding_a", 27),
    ("dols_a", 28),
    ("assessor_a", 20),
    ("team_manager_a", 24),
    ("panel_member_a", 16),
    ("performance_lead_a", 16),
    ("council_admin_a", 16),
    ("provider_assessor", 20),
    ("provider_contract_manager", 18),
    ("referrer_a", 14),
    ("citizen_a", 14),
]


def _more_rows(cast, n: int) -> None:
    with scopes_disabled():
        for person in (cast.person_a, cast.person_a_handed, cast.citizen_person_a):
            for _ in range(n):
                factories.ReferralFactory(person=person)
                factories.WaitingListEntryFactory(person=person)
                factories.ConcernFactory(person=person)
                factories.DolsApplicationFactory(person=person)
                factories.ReferralFactory(person=person, channel="portal", referrer_organisation=cast.referrer_org_a)
            factories.HandoverFactory(person=factories.PersonFactory(council=cast.council_a), contract=_contract(cast))


def _contract(cast):
    return cast.person_a_handed.handovers.get().contract


@pytest.mark.parametrize(("member", "most"), ROLE_QUERIES)
def test_a_role_home_takes_a_fixed_number_of_queries(cast, sign_in, member, most, django_assert_max_num_queries):
    client = sign_in(cast.member(member))
    _more_rows(cast, 1)
    client.get(reverse("home"))  # the session and caches settle
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("home"))
    _more_rows(cast, 4)
    with django_assert_max_num_queries(most):
        client.get(reverse("home"))
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("home"))
    assert len(after) == len(before), "the count of queries grows with the rows"


def test_the_screening_queue_names_each_person_with_their_age_and_logs_who_it_showed(cast, sign_in):
    member = cast.member("front_door_a")
    page = sign_in(member).get(reverse("frontdoor:queue")).content.decode()
    assert "Alice Ashworth" in page and f'<td class="govuk-table__cell">{cast.person_a.age}</td>' in page
    assert "Bertha" not in page
    with scopes_disabled():
        logged = AccessEvent.objects.filter(action="person.searched", actor=member.user).latest("pk")
    assert cast.person_a.pk in logged.detail["shown"] and cast.person_b.pk not in logged.detail["shown"]
