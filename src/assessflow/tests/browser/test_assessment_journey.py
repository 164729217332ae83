"""A needs assessment from the caseload to an agreed plan: QA returns it, it is corrected and passed, the funding panel
approves it with changes, the referrer reads the outcome, the decision letter is filed and the first review is set."""

import datetime
import json
import subprocess
import sys

import pytest
from django.conf import settings

from assessflow.assessments.services.outcome import first_review_on

from .conftest import PROJECT, sign_in
from .test_accessibility import violations

pytestmark = pytest.mark.browser

# A GP's referral, with the person's consent to the GP being told the outcome, screened onto the needs-assessment
# list and allocated to the demo social worker; the demo has no referral of its own that leads to assessment work.
REFERRED = """
import json, uuid
from django.db import transaction
from django_scopes import scopes_disabled
from assessflow.allocation.services import allocate
from assessflow.audit.actor import Actor
from assessflow.frontdoor.models import Referral
from assessflow.frontdoor.services import record_referral
from assessflow.people.models import Handover, Person
from assessflow.tenancy.models import Membership, User
from assessflow.waiting.models import WaitingListEntry, WorkType
from assessflow.waiting.services import screen_onto_waiting_list

with scopes_disabled(), transaction.atomic():
    gp = Membership.objects.select_related("organisation", "user").get(user__email="gp@riverside-practice.example")
    council = gp.organisation.council
    busy = WaitingListEntry.objects.filter(council=council).values("person_id")
    handed = Handover.objects.filter(council=council).values("person_id")
    person = (
        Person.objects.filter(council=council, date_of_death__isnull=True)
        .exclude(pk__in=busy).exclude(pk__in=handed).order_by("pk").first()
    )
    referral = record_referral(
        actor=Actor(user=gp.user, membership=gp), person=person, submission_id=uuid.uuid4(),
        details={
            "kind": Referral.Kind.REFERRAL, "channel": Referral.Channel.PORTAL, "source": Referral.Source.GP,
            "referrer_organisation": gp.organisation, "referrer_user": gp.user, "referrer_name": gp.user.full_name,
            "referrer_contact": gp.user.email, "consent_to_referral": True, "consent_to_share_outcome": True,
            "reason": "Two falls at home this month; struggling to wash, dress and cook since leaving hospital",
            "submitted_details": {"given_name": person.given_name, "family_name": person.family_name},
        },
    )
    screener = Actor.system("load_demo", user=User.objects.get(email="manager@demo-borough.example"))
    entry = screen_onto_waiting_list(
        actor=screener, referral=referral, work_type=WorkType.NEEDS_ASSESSMENT, priority="amber",
        rationale="Falls and unmet personal care needs after leaving hospital",
    )
    worker = User.objects.get(email="social.worker@demo-borough.example")
    allocate(actor=screener, entry=entry, assessor=worker, reason="Knows the area and the GP practice")
    print(json.dumps({"person": person.pk, "name": person.full_name, "referral": referral.pk}))
"""


def refer(server) -> dict:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", REFERRED],
        cwd=PROJECT,
        env=server.env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def referred(demo_server) -> dict:
    return refer(demo_server)


class Journey:
    """One user's browser, checking each kind of page it opens for the first time."""

    def __init__(self, browser, base_url: str, email: str, problems: list[str]):
        self.page = browser.new_context().new_page()
        self.page.set_default_timeout(10_000)
        self.base_url, self.problems, self.seen = base_url, problems, set()
        sign_in(self.page, base_url, email, settings.DEMO_PASSWORD)
        self.checked()

    def checked(self) -> None:
        kind = self.page.url.split("?")[0].rstrip("/").rsplit("/", 1)[0]
        if "".join(c if not c.isdigit() else "#" for c in kind) not in self.seen:
            self.seen.add("".join(c if not c.isdigit() else "#" for c in kind))
            self.problems.extend(violations(self.page))

    def goto(self, path: str) -> None:
        self.page.goto(f"{self.base_url}{path}")
        self.checked()

    def click(self, role: str, name: str, **kwargs) -> None:
        self.page.get_by_role(role, name=name, **kwargs).first.click()
        self.page.wait_for_load_state()
        self.checked()

    def tick(self, name: str, value: str) -> None:
        self.page.check(f"input[name={name}][value={value}]")

    def save_section(self, title: str, fill) -> None:
        self.click("link", title, exact=True)
        fill(self.page)
        self.click("button", "Save and return")
        assert f"{title}: saved" in self.page.locator(".govuk-notification-banner--success").inner_text()


def _how(page) -> None:
    page.check("input[name=method][value=in_person]")
    page.check("input[name=term][value=long_term]")
    page.check("input[name=took_part][value=person]")
    page.check("input[name=took_part][value=family]")
    page.check("input[name=substantial_difficulty][value=no]")
    page.fill("[name=what_matters]", "Staying in his own flat, seeing his daughter at weekends and going to church.")
    page.fill("[name=strengths]", "Manages his own medication and money; keen to stay independent.")
    page.fill("[name=networks]", "Daughter visits on Saturdays; a neighbour checks on him most evenings.")


def _impairment(page) -> None:
    page.check("input[name=impairment_or_illness][value=yes]")


def _outcomes(page) -> None:
    page.check("input[name=outcome_nutrition][value=without_assistance]")
    page.check("input[name=outcome_personal_hygiene][value=endangers]")
    page.check("input[name=outcome_clothing][value=pain_or_distress]")
    page.check("input[name=carer_meets_needs][value=no]")


def _wellbeing(text: str):
    def fill(page) -> None:
        page.fill("[name=wellbeing_health]", text)
        page.check("input[name=significant_impact][value=yes]")

    return fill


def _fluctuating(page) -> None:
    page.check("input[name=fluctuating][value=yes]")
    page.fill("[name=period_considered]", "The last 3 months, since the first fall")


def _advice(page) -> None:
    page.fill("[name=advice_given]", "Falls prevention leaflet; how to use the pendant alarm; the local lunch club.")
    page.fill("[name=prevention_offer]", "Referral to the community falls service and an occupational therapy visit.")


def _judgement(page) -> None:
    page.fill(
        "[name=professional_judgement]",
        "He cannot prepare meals or wash safely without help since the falls, and it is wearing down his health.",
    )


def test_a_needs_assessment_goes_from_caseload_to_agreed_plan(demo_server, browser, referred):
    problems: list[str] = []
    starts_on = datetime.date.today() + datetime.timedelta(days=14)

    # The assessor starts the work from their caseload and records every section.
    worker = Journey(browser, demo_server.url, "social.worker@demo-borough.example", problems)
    page = worker.page
    worker.goto("/allocation/caseload/")
    row = page.locator("tr", has_text=referred["name"])
    row.get_by_role("button", name="Start assessment").click()
    page.wait_for_load_state()
    worker.checked()
    assert "Needs assessment started" in page.locator(".govuk-notification-banner--success").inner_text()
    assessment_url = page.url
    worker.save_section("How the assessment was done", _how)
    worker.save_section("Impairment or illness", _impairment)
    worker.save_section("Outcomes", _outcomes)
    worker.save_section("Wellbeing", _wellbeing("Anxious about falling again."))
    worker.save_section("Fluctuating needs", _fluctuating)
    worker.save_section("Information, advice and prevention", _advice)
    worker.save_section("Professional judgement", _judgement)
    assert "7 of 7 sections completed" in page.content()

    # A support plan over the panel's threshold of £495 a week.
    worker.click("link", "Support plan and personal budget")
    worker.click("link", "Add a service")
    page.check("input[name=kind][value=home_care]")
    page.fill("[name=description]", "Four calls a day to help with washing, dressing and meals")
    page.fill("[name=provider_name]", "Riverside Home Care")
    page.fill("[name=starts_on_0]", str(starts_on.day))
    page.fill("[name=starts_on_1]", str(starts_on.month))
    page.fill("[name=starts_on_2]", str(starts_on.year))
    page.fill("[name=cost_pence]", "£24.50")
    page.select_option("[name=frequency]", "week")
    page.fill("[name=units]", "22")
    for outcome in ("nutrition", "personal_hygiene", "clothing"):
        page.check(f"input[name=outcomes][value={outcome}]")
    worker.click("button", "Add to the plan")
    assert "£539.00" in page.content()
    assert "will go to the funding panel" in page.content()
    worker.click("link", "Back to the assessment")
    worker.click("button", "Submit the assessment")
    assert "submitted" in page.locator(".govuk-notification-banner--success").inner_text()

    # The QA lead returns it with a reason against the wellbeing section.
    lead = Journey(browser, demo_server.url, "manager@demo-borough.example", problems)
    lead.goto("/assessments/checks/")
    lead.page.locator("tr", has_text=referred["name"]).get_by_role("link").first.click()
    lead.checked()
    lead.page.check("input[name=outcome][value=returned]")
    reason = "Say how the falls and the weight loss affect his health, not only how he feels."
    lead.page.fill("[name=reason_wellbeing]", reason)
    lead.click("button", "Record the decision")
    assert "returned to the assessor" in lead.page.locator(".govuk-notification-banner--success").inner_text()

    # The assessor reads the reason, corrects the section and submits again.
    page.goto(assessment_url)
    worker.checked()
    assert reason in page.content()
    worker.save_section("Wellbeing", _wellbeing("Lost a stone since the spring; bruised from the falls; anxious."))
    worker.click("button", "Submit the assessment")

    # QA passes it; being over the threshold, it goes to the panel.
    lead.goto("/assessments/checks/")
    lead.page.locator("tr", has_text=referred["name"]).get_by_role("link").first.click()
    lead.page.check("input[name=outcome][value=passed]")
    lead.click("button", "Record the decision")
    assert "passed" in lead.page.locator(".govuk-notification-banner--success").inner_text()

    # The panel approves it with changes.
    panel = Journey(browser, demo_server.url, "panel@demo-borough.example", problems)
    panel.goto("/assessments/panel/")
    panel.click("link", referred["name"])
    panel.page.check("input[name=decision][value=approved_with_changes]")
    panel.page.fill("[name=changes]", "Review the evening call after 4 weeks with the occupational therapist")
    panel.page.fill("[name=reasons]", "The needs are eligible and the care is costed at the framework rate.")
    panel.click("button", "Record the decision")
    assert "approved with changes" in panel.page.locator(".govuk-notification-banner--success").inner_text()

    # The referrer, with the person's consent, reads the outcome.
    gp = Journey(browser, demo_server.url, "gp@riverside-practice.example", problems)
    gp.goto(f"/portal/referrals/{referred['referral']}/")
    assert "eligible needs were found and a support plan has been agreed" in gp.page.content()

    # The decision letter is filed on the person's record, and the first review is set.
    page.goto(assessment_url)
    assert "Outcome agreed" in page.locator("dl").first.inner_text()
    worker.click("link", "Letters", exact=False)
    worker.click("button", "Produce the decision letter")
    assert "Letter filed on the record" in page.locator(".govuk-notification-banner--success").inner_text()
    assert page.get_by_role("link", name="Download the letter (PDF").is_visible()
    worker.goto(f"/people/{referred['person']}/")
    review = first_review_on(starts_on, weeks=6)
    assert f"{review.day} {review:%B %Y}" in page.locator(".govuk-summary-list").first.inner_text()
    assert problems == []
