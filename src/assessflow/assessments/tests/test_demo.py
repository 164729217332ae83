"""The demo council's assessment work: allocated needs assessments for the council's and the provider's assessors,
one already under way, and nothing added twice."""

import datetime

import pytest
from django_scopes import scopes_disabled

from assessflow.allocation.demo import load_demo_allocation
from assessflow.assessments.demo import load_demo_assessments
from assessflow.assessments.models import Assessment
from assessflow.people.demo.loader import COUNCIL_NAME, load_demo_council
from assessflow.tenancy.models import Organisation
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
        under_way = Assessment.objects.get(council=council)
        assert under_way.status == "in_progress" and under_way.answers["impairment_or_illness"] is True


def test_loading_twice_adds_nothing(council):
    with scopes_disabled():
        load_demo_assessments(council)
        entries, assessments = WaitingListEntry.objects.count(), Assessment.objects.count()
        assert load_demo_assessments(council) == 0
        assert (WaitingListEntry.objects.count(), Assessment.objects.count()) == (entries, assessments)
