"""A handover file's package carried into the person's current support plan once its import is published: one plan
a case, its line as far as the file says, logged, never twice, and never over a plan already in force."""

import datetime

import pytest
from django_scopes import scopes_disabled

from assessflow.assessments.models import PlanLine, SupportPlan
from assessflow.assessments.services.imported_plans import import_imported_packages, kind_named
from assessflow.audit.models import AccessEvent
from assessflow.tests import factories
from assessflow.waiting.models import WaitingListEntry
from assessflow.waiting.tests import conftest as waiting_fixtures
from assessflow.waiting.tests.test_import_lifecycle import checked

importer = waiting_fixtures.importer

pytestmark = pytest.mark.django_db

HEADER = "Client ID,Surname,Forename,DOB,Activity,Priority,Referral Date,Date Added,Services,Weekly Cost,Package Start"


def handover_file(*rows: str) -> bytes:
    return ("\r\n".join([HEADER, *rows]) + "\r\n").encode()


ROWS = (
    'P1,Lane,Ivy,04/04/1944,Annual Review,High,01/03/2024,02/03/2024,"Home care, 4 calls a day","1,250.50",01/06/2023',
    "P2,Moss,Ada,05/05/1945,Annual Review,Low,01/03/2024,02/03/2024,Direct payment for a personal assistant,,",
    "P3,Cole,Una,07/07/1947,Care Act Assessment,Low,01/03/2024,02/03/2024,,,",
)


def published(importer, name="packages.csv", rows=ROWS):
    job = checked(importer, name, handover_file(*rows))
    assert (job.status, job.error_rows) == ("checked", 0), job.errors
    job = importer.publish(job)
    assert job.status == "imported", job.failure
    return job


def plans_by_reference(job) -> dict[str, SupportPlan]:
    with scopes_disabled():
        plans = SupportPlan.objects.filter(imported_from__backlog_import=job).select_related("person")
        return {plan.person.external_reference: plan for plan in plans}


def test_each_package_becomes_the_current_plan_with_what_the_file_says(cast, importer):
    job = published(importer)
    plans = plans_by_reference(job)
    assert set(plans) == {"P1", "P2"}  # P3's row names no package
    with scopes_disabled():
        ivy, ada = plans["P1"], plans["P2"]
        assert ivy.is_current and ivy.assessment_id is None
        assert ivy.imported_from.person_id == ivy.person_id
        assert ivy.starts_on == datetime.date(2023, 6, 1) and not ivy.direct_payment
        [line] = PlanLine.objects.filter(plan=ivy)
        assert (line.kind, line.cost_pence, line.frequency, line.units) == ("home_care", 125_050, "week", 1)
        assert line.description == "Home care, 4 calls a day" and line.starts_on == datetime.date(2023, 6, 1)
        assert (line.cld_service_type, line.cld_component, line.outcomes) == ("", "", [])
        assert line.started_at is not None  # running before the case came here
        [line] = PlanLine.objects.filter(plan=ada)
        assert ada.direct_payment and line.kind == "direct_payment" and line.cost_pence == 0
        assert line.starts_on == ada.imported_from.added_at.date()
        logged = AccessEvent.objects.filter(action="assessments.plan_imported", person_id=ivy.person_id)
        [entry] = logged
        assert entry.kind == AccessEvent.Kind.CHANGE and entry.detail["cost_known"] is True
        assert {"is_current", "cost_pence"} <= set(entry.fields)


def test_carrying_over_twice_makes_no_second_plan(cast, importer):
    job = published(importer)
    import_imported_packages.call(job.pk, cast.member("council_admin_a").user_id)
    with scopes_disabled():
        assert SupportPlan.objects.filter(imported_from__backlog_import=job).count() == 2
        assert PlanLine.objects.filter(plan__imported_from__backlog_import=job).count() == 2
        assert AccessEvent.objects.filter(action="assessments.plan_imported").count() == 2


def test_a_person_with_a_plan_in_force_keeps_it(cast, importer):
    with scopes_disabled():
        alice = cast.person_a
        alice.external_reference = "P9"
        alice.save()
        assessment = factories.AssessmentFactory(
            allocation__entry__person=alice, allocation__entry__council=cast.council_a
        )
        own = factories.SupportPlanFactory(assessment=assessment, is_current=True)
    born = alice.date_of_birth.strftime("%d/%m/%Y")
    row = f"P9,Ashworth,Alice,{born},OT assessment,Low,01/03/2024,02/03/2024,Home care,200,01/06/2023"
    job = published(importer, rows=(ROWS[0], row))
    plans = plans_by_reference(job)
    assert set(plans) == {"P1"}
    with scopes_disabled():
        assert WaitingListEntry.objects.filter(backlog_import=job, person=alice).exists()
        assert list(SupportPlan.objects.filter(person=alice, is_current=True)) == [own]


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("Residential care home, permanent", "care_home"),
        ("Day centre Tuesdays and Thursdays", "day_opportunities"),
        ("Telecare pendant", "technology"),
        ("Stairlift and grab rails", "equipment"),
        ("Respite for carer, 2 weeks a year", "carer_support"),
        ("Reablement 6 weeks", "reablement"),
        ("Dom care 14 hrs", "home_care"),
    ],
)
def test_the_kind_of_service_is_read_from_the_files_words(words, kind):
    assert kind_named(words) == kind
