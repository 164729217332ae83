"""The demo council's safeguarding and DoLS teams and a few cases at each step, made through the services.

Runs after the allocation demo: the DoLS cases name a best interests assessor from the council's pool."""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.audit.actor import Actor
from assessflow.people.models import Handover, Person
from assessflow.tenancy.models import Membership, Organisation, Team

from .categories import AssessedBy, DoctorApproval, Requirement
from .models import ApprovedDoctor, Concern, SafeguardingSettings
from .services import concerns, dols, enquiries


def _actor(email: str) -> Actor:
    membership = Membership.objects.select_related("user", "organisation").get(user__email=email)
    return Actor(user=membership.user, membership=membership)


def _answers(**parts) -> dict:
    answers = {}
    for name in ("has_care_needs", "abuse_or_risk", "unable_to_protect"):
        answers[name] = parts.get(name, True)
        answers[f"{name}_reason"] = "Recorded at the demo's s.42 decision"
    return answers


def _concern(actor: Actor, person: Person, what: str, risk: str, **details) -> Concern:
    return concerns.raise_concern(
        actor=actor,
        person=person,
        details={"what_happened": what, "immediate_risk": risk, **details},
        origin=Concern.Origin.PERSON,
        submission_id=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-concern:{person.pk}"),
    )


def _safeguarding(council: Organisation, people: list[Person], handed: Person) -> None:
    worker, manager = _actor("safeguarding@demo-borough.example"), _actor("safeguarding.manager@demo-borough.example")
    _concern(
        _actor("assessor@brightpath.example"),
        handed,
        "At the review visit the carer said he is left without food over the weekend; the fridge was empty.",
        "high",
        happened_where="At home",
        immediate_actions=["other"],
        immediate_action_detail="Arranged a food parcel for today",
    )
    waiting = _concern(
        _actor("frontdoor@demo-borough.example"),
        people[0],
        "Neighbour rang: she has bruises on her arms and her grandson shouts at her most evenings.",
        "medium",
        person_view="Says she fell, and does not want her grandson in trouble",
    )
    concerns.triage(actor=worker, concern=waiting, risk="medium", note="Visit this week", expected_version=1)
    for person, what, conclude in (
        (people[1], "Home care staff say his bank card is kept by a lodger who takes most of his pension.", False),
        (people[2], "Day centre saw unexplained bruising and she became distressed when asked about home.", True),
    ):
        concern = _concern(worker, person, what, "medium")
        concerns.triage(actor=worker, concern=concern, risk="high", note="", expected_version=concern.version)
        concerns.decide(
            actor=manager,
            concern=concern,
            answers=_answers(),
            decision=Concern.Decision.S42,
            note="",
            lead=worker.user,
            expected_version=concern.version,
        )
        enquiry = concern.enquiry
        enquiries.update_enquiry(
            actor=worker,
            enquiry=enquiry,
            values={
                "outcomes_asked": True,
                "outcomes_asked_of": "adult",
                "outcomes_expressed": True,
                "desired_outcomes": "To stay at home and feel safe there",
                "capacity": "has",
                "capacity_decisions": "Who manages money; who visits",
            },
            named_workers=[],
            expected_version=enquiry.version,
        )
        enquiries.add_strategy_discussion(
            actor=worker,
            enquiry=enquiry,
            kind="discussion",
            held_on=timezone.localdate(),
            attendees="Safeguarding Adults team, police safeguarding unit, GP",
            decisions="Police to check on the lodger; bank to be asked about the card",
            submission_id=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-strategy:{person.pk}"),
        )
        enquiries.add_protection_action(
            actor=worker,
            enquiry=enquiry,
            action="Visit with the police and speak to the adult alone",
            owner=worker.user,
            due_on=timezone.localdate() + datetime.timedelta(days=3),
            submission_id=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-action:{person.pk}"),
        )
        if conclude:
            enquiries.conclude(
                actor=manager,
                enquiry=enquiry,
                findings={
                    "risk_types": ["physical", "psychological"],
                    "risk_location": "own_home",
                    "risk_source": "known",
                    "action_taken": "risk_action",
                    "risk_result": "reduced",
                    "outcomes_asked": True,
                    "outcomes_asked_of": "adult",
                    "outcomes_expressed": True,
                    "desired_outcomes": "To stay at home and feel safe there",
                    "outcomes_achieved": "partially",
                    "conclusion": "Family member moved out; day centre raised to four days; she still feels anxious",
                },
                expected_version=enquiry.version,
            )


def _doctor(council: Organisation, office: Actor, today: datetime.date) -> ApprovedDoctor:
    """An approved doctor commissioned from outside the council: the demo's mental health assessor."""
    doctor, _ = ApprovedDoctor.objects.get_or_create(
        council=council,
        gmc_number="7012345",
        defaults={
            "name": "Dr Helen Okafor",
            "approval": DoctorApproval.SECTION_12,
            "approval_reference": "S12-DEMO-0415",
            "organisation": "Demo Assessment Services (commissioned)",
            "approval_ends_on": today + datetime.timedelta(days=365),
            "added_by": office.user,
        },
    )
    return doctor


def _assess_all(bia: Actor, application) -> None:
    """The best interests assessor records their five and, for the external doctor (who has no account), the
    doctor's mental health assessment."""
    for requirement in Requirement.values:
        by = AssessedBy.MENTAL_HEALTH if requirement == Requirement.MENTAL_HEALTH else AssessedBy.BEST_INTERESTS
        best_interests = requirement == Requirement.BEST_INTERESTS
        dols.record_assessment(
            actor=bia,
            application=application,
            requirement=requirement,
            met=True,
            finding="Requirement met",
            assessed_by=by,
            recommended_months=12 if best_interests else None,
            recommended_conditions="Offer a walk outside every day" if best_interests else "",
        )


def _dols(council: Organisation, people: list[Person], today: datetime.date) -> None:
    # The DoLS office records, screens and names; a qualified BIA and an external approved doctor assess; the
    # office's manager, who assessed nothing, signs.
    office, bia = _actor("dols@demo-borough.example"), _actor("safeguarding@demo-borough.example")
    doctor = _doctor(council, office, today)
    home = Organisation.objects.filter(name="Elm Lodge Care Home").first()
    requests = [
        (people[3], today - datetime.timedelta(days=6), 7),
        (people[4], None, None),
        (people[5], None, None),
    ]
    made = []
    for person, urgent_on, urgent_days in requests:
        made.append(
            dols.receive_request(
                actor=office,
                person=person,
                managing_authority="Elm Lodge Care Home",
                setting="care_home",
                managing_authority_organisation=home,
                submitted_details={"given_name": person.given_name, "family_name": person.family_name},
                reasons="Dementia; the front door is locked, with supervision at all times; asks to go home",
                urgent_given_on=urgent_on,
                urgent_days=urgent_days,
                submission_id=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-dols:{person.pk}"),
            )
        )
    for application in made[1:]:
        dols.screen(
            actor=office,
            application=application,
            criteria=["unsettled"],
            note="Asks to go home in the evenings; settles with reassurance",
            team=Team.objects.filter(organisation=council, name="DoLS").first(),
            expected_version=application.version,
        )
        dols.name_assessors(
            actor=office,
            application=application,
            best_interests=bia.user,
            mental_health=doctor,
            expected_version=application.version,
        )
    granted = made[2]
    _assess_all(bia, granted)
    granted.refresh_from_db()
    dols.decide(
        actor=office,
        application=granted,
        grant=True,
        months=12,
        conditions="Offer a walk outside every day",
        reason="",
        representative={"name": "June Parry", "kind": "family_or_friend", "contact": "Daughter; 07700 900123"},
        expected_version=granted.version,
    )


# The demo's cases need six people: a concern awaiting decision, two enquiries, three DoLS requests.
PEOPLE_NEEDED = 6


@scopes_disabled()
def load_demo_safeguarding(council: Organisation, today: datetime.date) -> bool:
    """Returns whether anything was added (nothing, once the demo has its safeguarding cases)."""
    found, _ = SafeguardingSettings.objects.get_or_create(council=council)
    found.safeguarding_teams.add(*Team.objects.filter(organisation=council, name="Safeguarding Adults"))
    found.dols_teams.add(*Team.objects.filter(organisation=council, name="DoLS"))
    if Concern.objects.filter(council=council).exists():
        return False
    handed = Person.objects.filter(
        pk__in=Handover.objects.filter(council=council, ended_at__isnull=True).values("person_id")
    ).order_by("pk")[0]
    people = list(
        Person.objects.filter(council=council, date_of_death__isnull=True)
        .exclude(pk=handed.pk)
        .exclude(citizen_account__isnull=False)
        .order_by("pk")[:PEOPLE_NEEDED]
    )
    if len(people) < PEOPLE_NEEDED:
        return False
    with transaction.atomic():
        _safeguarding(council, people, handed)
        _dols(council, people, today)
    return True
