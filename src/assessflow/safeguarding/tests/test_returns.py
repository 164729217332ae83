"""Each figure of the year's returns equals a direct count of the records, on a generated data set."""

import datetime
import random
import uuid
from collections import Counter
from unittest import mock

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.people.models import Person
from assessflow.safeguarding import deadlines, reporting_periods
from assessflow.safeguarding.categories import (
    DONT_KNOW,
    Achieved,
    ActionTaken,
    Capacity,
    Requirement,
    RiskLocation,
    RiskResult,
    RiskSource,
    RiskType,
)
from assessflow.safeguarding.models import Concern, DolsApplication, Enquiry
from assessflow.safeguarding.returns import dols_return, safeguarding_return
from assessflow.safeguarding.services import concerns, dols, enquiries
from assessflow.tests import factories

from .helpers import dols_assessors

YEAR = 2025  # 1 April 2025 to 31 March 2026
START, END = reporting_periods.reporting_year(YEAR)


def at(day: datetime.date):
    return mock.patch(
        "django.utils.timezone.now",
        return_value=timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10, 30)),
    )


def _concern(rng, actor, person, day):
    with at(day):
        concern = concerns.raise_concern(
            actor=actor,
            person=person,
            details={"what_happened": "Generated", "immediate_risk": rng.choice(["high", "medium", "low"])},
            origin="person",
            submission_id=uuid.uuid4(),
        )
        concerns.triage(actor=actor, concern=concern, risk="medium", note="", expected_version=concern.version)
    return concern


def _decide(rng, actor, concern, day):
    met = [rng.random() < 0.8 for _ in range(3)]
    duty = all(met)
    choice = "s42" if duty else rng.choice(["other", "no_further_action"])
    answers = {}
    for name, value in zip(("has_care_needs", "abuse_or_risk", "unable_to_protect"), met, strict=True):
        answers[name], answers[f"{name}_reason"] = value, "Generated reason"
    with at(day):
        concerns.decide(
            actor=actor,
            concern=concern,
            answers=answers,
            decision=choice,
            note="Generated",
            lead=actor.user,
            expected_version=concern.version,
        )
    return choice


def _capacity(rng, actor, enquiry, day):
    """Capacity and advocacy as recorded during the enquiry, any of them possibly not recorded."""
    difficulty = rng.choice([True, False, None])
    # Substantial difficulty needs an answer on an appropriate person; otherwise it may be left unanswered.
    person = rng.choice([True, False] if difficulty else [True, False, None])
    with at(day):
        enquiries.update_enquiry(
            actor=actor,
            enquiry=enquiry,
            values={
                "capacity": rng.choice([*Capacity.values, ""]),
                "substantial_difficulty": difficulty,
                "appropriate_person": person,
                "advocate": rng.choice(["", "", "Generated advocate"]),
            },
            named_workers=[],
            expected_version=enquiry.version,
        )


def _conclude(rng, actor, enquiry, day):
    action = rng.choice(ActionTaken.values)
    expressed = rng.random() < 0.6
    asked = True if expressed else rng.choice([True, False, DONT_KNOW])
    _capacity(rng, actor, enquiry, day)
    with at(day):
        enquiries.conclude(
            actor=actor,
            enquiry=enquiry,
            findings={
                "risk_types": rng.sample(RiskType.values, rng.randint(1, 3)),
                "risk_location": rng.choice(RiskLocation.values),
                "risk_source": rng.choice(RiskSource.values),
                "action_taken": action,
                "risk_result": rng.choice(RiskResult.values),
                "outcomes_asked": asked,
                "outcomes_asked_of": "adult",
                "outcomes_expressed": expressed,
                "desired_outcomes": "Generated wish" if expressed else "",
                "outcomes_achieved": rng.choice(Achieved.values),
                "no_advocate_reason": "Generated reason",
                "conclusion": "Generated",
            },
            expected_version=enquiry.version,
        )


def _dols(rng, office, bia, doctor, person, day):
    """A request received, screened and named by the DoLS office; assessed by the BIA (and, for the external
    doctor, entered by the BIA); decided by the office's manager, who assessed nothing; or ended before that."""
    with at(day):
        application = dols.receive_request(
            actor=office,
            person=person,
            managing_authority="Generated Home",
            setting="care_home",
            reasons="Generated",
            urgent_given_on=None,
            urgent_days=None,
            submission_id=uuid.uuid4(),
        )
        dols.screen(
            actor=office,
            application=application,
            criteria=["settled"],
            note="",
            team=None,
            expected_version=application.version,
        )
        dols.name_assessors(
            actor=office,
            application=application,
            best_interests=bia.user,
            mental_health=doctor,
            expected_version=application.version,
        )
    later = day + datetime.timedelta(days=rng.randint(3, 60))
    fate = rng.choice(["grant", "refuse", "withdrawn", "died", "left", "open"])
    if fate == "open":
        return
    with at(later):
        if fate in DolsApplication.CloseReason.values:
            dols.close(
                actor=office, application=application, reason=fate, note="", expected_version=application.version
            )
            return
        for requirement in Requirement.values:
            met = fate == "grant" or requirement != "best_interests"
            dols.record_assessment(
                actor=bia,
                application=application,
                requirement=requirement,
                met=met,
                finding="x",
                assessed_by="mental_health" if requirement == "mental_health" else "best_interests",
                recommended_months=12,
            )
        dols.decide(
            actor=office,
            application=application,
            grant=fate == "grant",
            months=12 if fate == "grant" else None,
            conditions="",
            reason="" if fate == "grant" else "Not in her best interests",
            representative={"name": "Generated representative", "kind": "paid"},
            expected_version=application.version,
        )


@pytest.fixture
def generated(cast):
    rng = random.Random(42)  # noqa: S311  (a repeatable data set, not a secret)
    member = cast.member("safeguarding_a")
    actor = Actor(user=member.user, membership=member)
    with scopes_disabled():
        people = [
            factories.PersonFactory(
                council=cast.council_a,
                date_of_birth=datetime.date(rng.randint(1920, 2000), rng.randint(1, 12), rng.randint(1, 28)),
                gender=rng.choice(["Female", "Male", ""]),
                ethnicity=rng.choice(["White: British", "Asian or Asian British: Indian", ""]),
                primary_support_reason=rng.choice(
                    ["Physical support: Personal care support", "Memory and cognition", ""]
                ),
            )
            for _ in range(25)
        ]
        for _ in range(60):
            day = START + datetime.timedelta(days=rng.randint(-60, 420))  # some before and after the year
            concern = _concern(rng, actor, rng.choice(people), day)
            if rng.random() < 0.85:
                decided_on = day + datetime.timedelta(days=rng.randint(0, 10))
                if _decide(rng, actor, concern, decided_on) != "no_further_action" and rng.random() < 0.7:
                    _conclude(
                        rng,
                        actor,
                        Enquiry.objects.get(concern=concern),
                        decided_on + datetime.timedelta(days=rng.randint(5, 90)),
                    )
        dols_member = cast.member("dols_a")
        office = Actor(user=dols_member.user, membership=dols_member)
        bia_member, doctor = dols_assessors(cast)
        bia = Actor(user=bia_member.user, membership=bia_member)
        # The doctor's approval runs through the generated years.
        doctor.approval_ends_on = END + datetime.timedelta(days=400)
        doctor.save()
        for _ in range(40):
            day = START + datetime.timedelta(days=rng.randint(-40, 400))
            _dols(rng, office, bia, doctor, rng.choice(people), day)
    return cast.council_a


def _in_year(field):
    start = timezone.make_aware(datetime.datetime.combine(START, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(END + datetime.timedelta(days=1), datetime.time.min))
    return {f"{field}__gte": start, f"{field}__lt": end}


def _figures(tables) -> dict:
    return {(t.title, label): value for t in tables for label, value in t.rows}


def test_the_safeguarding_collection_equals_direct_counts(generated):
    with scopes_disabled():
        figures = _figures(safeguarding_return(generated, YEAR))
        concerns_in_year = Concern.objects.filter(council=generated, **_in_year("raised_at"))
        started = Enquiry.objects.filter(council=generated, **_in_year("started_at"))
        concluded = Enquiry.objects.filter(council=generated, **_in_year("concluded_at"))
        s42_done = list(concluded.filter(kind="s42"))
        people = Person.objects.filter(pk__in=concerns_in_year.values("person_id"))
    assert concerns_in_year.count() > 10 and s42_done  # the data set exercises the figures
    totals = "Concerns and enquiries"
    assert figures[(totals, "Safeguarding concerns raised")] == concerns_in_year.count()
    assert figures[(totals, "Section 42 enquiries started")] == started.filter(kind="s42").count()
    assert figures[(totals, "Other safeguarding enquiries started")] == started.filter(kind="other").count()
    assert figures[(totals, "Section 42 enquiries concluded")] == len(s42_done)
    assert figures[(totals, "Other safeguarding enquiries concluded")] == concluded.filter(kind="other").count()
    assert figures[("Individuals with concerns: total", "Individuals")] == people.count()
    for gender, n in Counter(p.gender or "Not recorded" for p in people).items():
        assert figures[("Individuals with concerns: by gender", gender)] == n
    for band, n in Counter(reporting_periods.age_band(p.date_of_birth, END) for p in people).items():
        assert figures[("Individuals with concerns: by age band", band)] == n
    for value, label in RiskType.choices:
        direct = sum(1 for e in s42_done if value in e.risk_types)
        assert figures[("Concluded s.42 enquiries by type of risk", label)] == direct
    for value, label in RiskSource.choices:
        direct = sum(1 for e in s42_done if e.risk_source == value)
        assert figures[("Concluded s.42 enquiries by source of risk", label)] == direct
    msp = "Making Safeguarding Personal (concluded s.42 enquiries)"
    assert figures[(msp, "Asked, and outcomes expressed")] == sum(1 for e in s42_done if e.outcomes_expressed)
    asked_none = sum(1 for e in s42_done if e.outcomes_asked and not e.outcomes_expressed)
    assert figures[(msp, "Asked, but no outcomes expressed")] == asked_none
    assert figures[(msp, "Not asked")] == sum(1 for e in s42_done if e.outcomes_asked is False)
    assert figures[(msp, "Don't know")] == sum(1 for e in s42_done if e.outcomes_asked_not_known)
    assert figures[(msp, "Not recorded")] == 0  # every enquiry concluded here answered the question
    assert sum(figures[(msp, label)] for label in ("Asked, but no outcomes expressed", "Don't know")) > 0
    for value, label in Achieved.choices:
        direct = sum(1 for e in s42_done if e.outcomes_expressed and e.outcomes_achieved == value)
        assert figures[(msp, label)] == direct
    capacity = "Capacity and advocacy (concluded s.42 enquiries)"
    lacking = [e for e in s42_done if e.capacity == "lacks"]
    assert lacking  # the data set exercises the table
    assert figures[(capacity, "Lacked capacity")] == len(lacking)
    assert figures[(capacity, "Did not lack capacity")] == sum(1 for e in s42_done if e.capacity == "has")
    assert figures[(capacity, "Don't know")] == sum(1 for e in s42_done if e.capacity == "not_assessed")
    assert figures[(capacity, "Not recorded")] == sum(1 for e in s42_done if e.capacity == "")
    by_advocate = sum(1 for e in lacking if e.advocate)
    by_family = sum(1 for e in lacking if not e.advocate and e.appropriate_person)
    assert figures[(capacity, "Lacked capacity: supported by an advocate")] == by_advocate
    assert figures[(capacity, "Lacked capacity: supported by family or a friend")] == by_family
    supported = "Lacked capacity: supported by an advocate, family or friend"
    assert figures[(capacity, supported)] == by_advocate + by_family
    unsupported = sum(1 for e in lacking if not e.advocate and e.appropriate_person is False)
    assert figures[(capacity, "Lacked capacity: not supported")] == unsupported


def test_the_dols_figures_equal_direct_counts(generated):
    with scopes_disabled():
        figures = _figures(dols_return(generated, YEAR))
        applications = DolsApplication.objects.filter(council=generated)
        decided = applications.filter(**_in_year("decided_at"))
        end = timezone.make_aware(datetime.datetime.combine(END + datetime.timedelta(days=1), datetime.time.min))
        outstanding = [
            a
            for a in applications.filter(received_at__lt=end)
            if not (a.decided_at and a.decided_at < end) and not (a.closed_at and a.closed_at < end)
        ]
    ended = applications.filter(status="closed", decided_at__isnull=True, **_in_year("closed_at"))
    table = "DoLS applications"
    assert figures[(table, "Applications received")] == applications.filter(**_in_year("received_at")).count()
    # As the national statistics count them: a request ended by death, the person leaving or its withdrawal is a
    # completed application, not granted.
    assert ended.filter(close_reason="died").exists() and ended.filter(close_reason="left").exists()
    assert figures[(table, "Applications completed")] == decided.count() + ended.count()
    assert figures[(table, "Granted")] == decided.filter(starts_on__isnull=False).count()
    refused = decided.filter(starts_on__isnull=True).count()
    assert figures[(table, "Not granted")] == refused + ended.count()
    assert figures[(table, "Not granted: assessed and not authorised")] == refused
    changed = ended.filter(close_reason__in=["left", "withdrawn"]).count()
    assert figures[(table, "Not granted: change in circumstances")] == changed
    assert figures[(table, "Not granted: the person died")] == ended.filter(close_reason="died").count()
    assert figures[(table, "Outstanding at the end of the year")] == len(outstanding)
    completed_on = {a.pk: a.decided_on for a in decided} | {a.pk: timezone.localdate(a.closed_at) for a in ended}
    received_on = {a.pk: a.received_on for a in [*decided, *ended]}
    days = sorted((completed_on[pk] - received_on[pk]).days + 1 for pk in completed_on)
    timing = "Time to complete (days, the day of receipt counted as day 1)"
    assert figures[(timing, "Median")] == (days[len(days) // 2] + days[(len(days) - 1) // 2]) / 2
    late = sum(
        1 for pk, day in completed_on.items() if day > deadlines.dols_deadlines(received_on=received_on[pk]).decide_by
    )
    assert figures[(timing, "Completed after the statutory deadline")] == late


def test_the_returns_page_and_its_csv_show_the_same_figures(generated, sign_in, cast):
    client = sign_in(cast.member("performance_lead_a"))
    page = client.get(f"/safeguarding/returns/?year={YEAR}").content.decode()
    assert "Safeguarding concerns raised" in page
    response = client.get(f"/safeguarding/returns.csv?year={YEAR}")
    csv_text = b"".join(response.streaming_content).decode()
    with scopes_disabled():
        raised = Concern.objects.filter(council=generated, **_in_year("raised_at")).count()
    assert f"Concerns and enquiries,Safeguarding concerns raised,{raised}" in csv_text
    assert sign_in(cast.member("front_door_a")).get("/safeguarding/returns/").status_code == 403


def test_a_csv_for_a_year_not_offered_is_refused_not_swapped_for_this_year(cast, sign_in):
    client = sign_in(cast.member("performance_lead_a"))
    for year in ("1990", "next", "2025-26"):
        response = client.get("/safeguarding/returns.csv", {"year": year})
        assert response.status_code == 400, year
        assert "Content-Disposition" not in response
        assert "The collection year must start in one of the years" in response.content.decode()
    with scopes_disabled():
        assert not AccessEvent.objects.filter(action="safeguarding.returns_exported").exists()
    assert client.get("/safeguarding/returns.csv").status_code == 200, "no year asked for: the current one"
