"""A small pool for council A: its social worker, an unqualified assistant, and the provider's contracted assessor."""

import pytest
from django_scopes import scopes_disabled

from assessflow.allocation.models import Area, AssessorProfile
from assessflow.tenancy.roles import Qualification, Role
from assessflow.tests import factories


@pytest.fixture
def pool(cast):
    with scopes_disabled():
        area = Area.objects.create(council=cast.council_a, code="LU1")
        assistant = factories.MembershipFactory(
            organisation=cast.council_a, role=Role.ASSESSOR, qualification=Qualification.UNQUALIFIED
        )
        profiles = {}
        for key, membership in (
            ("assessor_a", cast.member("assessor_a")),
            ("provider_assessor", cast.member("provider_assessor")),
            ("assistant", assistant),
        ):
            profile = AssessorProfile.objects.create(
                council=cast.council_a,
                membership=membership,
                weekly_slots=5,
                base_area=area,
                working_days=[0, 1, 2, 3, 4, 5, 6],
                fees={"annual_review": 30_000} if key == "provider_assessor" else {},
            )
            profile.areas.add(area)
            profiles[key] = profile
    return profiles
