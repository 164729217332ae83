"""The demo council's assessment work: allocated needs assessments for the council's and the provider's assessors,
one already under way, submitted work on the QA lead's and the panel member's queues and one agreed, and nothing
added twice."""

import datetime

import pytest
from django_scopes import scopes_disabled

from assessflow.allocation.demo import load_demo_allocation
from assessflow.assessments.check_selectors import check_queue
from assessflow.assessments.demo import load_demo_assessments
from assessflow.assessments.models import Assessment, AssessmentSettings, SupportPlan
from assessflow.assessments.panel_selectors import panel_queue
from assessflow.people.demo.loader import COUNCIL_NAME, load_demo_council
from assessflow.tenancy.models import Membership, Organisation
from assessflow.waiting.models import WaitingListEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    with scopes_disabled():
        load_demo_council(people=120, today=datetime.date(2026, 11, 27))
        council = Organisation.objects.get(name=COUNCIL_NAME)
        load_demo_allocation(council)
        return council


def test_assessors_have_needs_assessments_to_start_and_one_under_way(council):
    with scopes_disabled():
        assert load_demo_assessments(council) >= 4
        allocated = WaitingListEntry.objects.filter(
            council=council, work_type="needs_assessment", status="allocated"
        ).values_list("allocations__assessor__email", flat=True)
        assert "social.worker@demo-borough.example" in allocated
        assert "assessor@brightpath.example" in allocated
        under_way = Assessment.objects.get(council=council, submitted_at__isnull=True)
        assert under_way.status == "in_progress" and under_way.answers["impairment_or_illness"] is True


def test_loading_twice_adds_nothing(council):
    with scopes_disabled():
        load_demo_assessments(council)
        entries, assessments = WaitingListEntry.objects.count(), Assessment.objects.count()
        assert load_demo_assessments(council) == 0
        assert (WaitingListEntry.objects.count(), Assessment.objects.count()) == (entries, assessments)


def test_the_qa_lead_and_the_panel_have_work_and_one_assessment_is_agreed(council):
    with scopes_disabled():
        load_demo_assessments(council)
        qa_lead = Membership.objects.get(user__email="manager@demo-borough.example", organisation=council)
        [waiting] = check_queue(qa_lead)
        assert waiting.stage == "council_qa" and waiting.assessment.determination["eligible"] is True
        panel = Membership.objects.get(user__email="panel@demo-borough.example", organisation=council)
        [at_panel] = panel_queue(panel)
        assert at_panel.checks.get().outcome == "passed"
        weekly = sum(line.cost_pence * line.units for line in at_panel.plan.lines.all() if line.frequency == "week")
        assert weekly > AssessmentSettings.objects.get(council=council).panel_threshold_pence
        agreed = Assessment.objects.get(council=council, status="agreed")
        plan = SupportPlan.objects.get(assessment=agreed)
        assert plan.is_current and plan.lines.count() == 2
        assert agreed.person.review_due_on is not None
        assert agreed.what_matters and agreed.professional_judgement
