"""Factories for the records tests need; each makes a valid row with the fewest arguments."""

import datetime
import uuid

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from assessflow.people.identity import normalise_name
from assessflow.people.models import CitizenAccount, Handover, Person, Relationship
from assessflow.tenancy.models import Contract, Membership, Organisation, Team, User
from assessflow.tenancy.roles import OrganisationKind, Role
from assessflow.waiting.tallies import bump_many


class CouncilFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.COUNCIL
    name = factory.Sequence(lambda n: f"Council {n}")
    la_code = factory.Sequence(lambda n: f"E0{n:07d}")


class ProviderFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.PROVIDER
    name = factory.Sequence(lambda n: f"Provider {n}")


class ReferrerOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.REFERRER
    name = factory.Sequence(lambda n: f"Surgery {n}")
    council = factory.SubFactory(CouncilFactory)


class ContractFactory(DjangoModelFactory):
    class Meta:
        model = Contract

    council = factory.SubFactory(CouncilFactory)
    provider = factory.SubFactory(ProviderFactory)
    reference = factory.Sequence(lambda n: f"C-{n}")
    starts_on = datetime.date(2025, 4, 1)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"User Number{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(CouncilFactory)
    role = Role.FRONT_DOOR
    qualification = ""


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    council = factory.SubFactory(CouncilFactory)
    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    given_name_key = factory.LazyAttribute(lambda p: normalise_name(p.given_name))
    family_name_key = factory.LazyAttribute(lambda p: normalise_name(p.family_name))
    date_of_birth = datetime.date(1940, 5, 17)
    postcode = "LU1 2BQ"


class RelationshipFactory(DjangoModelFactory):
    class Meta:
        model = Relationship

    person = factory.SubFactory(PersonFactory)
    council = factory.LazyAttribute(lambda r: r.person.council)
    kind = Relationship.Kind.CARER
    name = "Pat Carer"
    submission_id = factory.LazyFunction(uuid.uuid4)


class HandoverFactory(DjangoModelFactory):
    class Meta:
        model = Handover

    person = factory.SubFactory(PersonFactory)
    council = factory.LazyAttribute(lambda h: h.person.council)
    contract = factory.SubFactory(ContractFactory, council=factory.SelfAttribute("..person.council"))


class CitizenAccountFactory(DjangoModelFactory):
    class Meta:
        model = CitizenAccount

    person = factory.SubFactory(PersonFactory)
    council = factory.LazyAttribute(lambda c: c.person.council)
    user = factory.SubFactory(UserFactory)


class NoteFactory(DjangoModelFactory):
    class Meta:
        model = "casework.Note"

    person = factory.SubFactory(PersonFactory)
    council = factory.LazyAttribute(lambda n: n.person.council)
    note_type = "phone_call"
    occurred_at = factory.LazyFunction(timezone.now)
    author = factory.SubFactory(UserFactory)
    author_role = "assessor"
    text = factory.Sequence(lambda n: f"Spoke to the person about their care, call {n}")
    submission_id = factory.LazyFunction(uuid.uuid4)


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = "casework.Document"

    person = factory.SubFactory(PersonFactory)
    council = factory.LazyAttribute(lambda d: d.person.council)
    title = factory.Sequence(lambda n: f"GP letter {n}")
    category = "health"
    file = factory.django.FileField(filename="doc.pdf", data=b"%PDF-1.4 test")
    content_type = "application/pdf"
    extension = "pdf"
    size = 13
    sha256 = "0" * 64
    uploaded_by = factory.SubFactory(UserFactory)


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = "casework.Task"

    person = factory.SubFactory(PersonFactory)
    council = factory.LazyAttribute(lambda t: t.person.council)
    title = factory.Sequence(lambda n: f"Call the GP {n}")
    assigned_to = factory.SubFactory(UserFactory)
    due_on = datetime.date(2026, 12, 1)
    created_by = factory.SubFactory(UserFactory)


class WarningFactory(DjangoModelFactory):
    class Meta:
        model = "casework.PersonWarning"

    person = factory.SubFactory(PersonFactory)
    council = factory.LazyAttribute(lambda w: w.person.council)
    warning_type = "lone_worker"
    note = factory.Sequence(lambda n: f"Dog in the house {n}: visit in pairs")
    set_by = factory.SubFactory(UserFactory)
    review_on = datetime.date(2099, 1, 1)


class LetterTemplateFactory(DjangoModelFactory):
    class Meta:
        model = "casework.LetterTemplate"

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Appointment letter {n}")
    kind = "appointment"
    subject = "Your appointment"
    body = "Dear {{ person_name }}\n\nWe will visit you soon.\n\nYours sincerely\n\n{{ worker_name }}"


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = "frontdoor.Referral"

    person = factory.SubFactory(PersonFactory)
    council = factory.LazyAttribute(lambda r: r.person.council)
    kind = "referral"
    channel = "phone"
    source = "gp"
    route_of_access = "Community or other route"
    reason = factory.Sequence(lambda n: f"Struggling with stairs since a fall, referral {n}")
    submission_id = factory.LazyFunction(uuid.uuid4)


class WaitingListEntryFactory(DjangoModelFactory):
    class Meta:
        model = "waiting.WaitingListEntry"

    person = factory.SubFactory(PersonFactory)
    council = factory.LazyAttribute(lambda e: e.person.council)
    work_type = "annual_review"
    priority = "amber"
    priority_rationale = factory.Sequence(lambda n: f"Lives alone, carer ill, entry {n}")
    due_on = datetime.date(2026, 12, 31)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Entries made by the services keep the tallies; a factory-made one must too.
        entry = super()._create(model_class, *args, **kwargs)
        if entry.status == "waiting":
            bump_many([entry])
        return entry


class BacklogImportFactory(DjangoModelFactory):
    class Meta:
        model = "waiting.BacklogImport"

    council = factory.SubFactory(CouncilFactory)
    uploaded_by = factory.SubFactory(UserFactory)
    file = factory.django.FileField(filename="backlog.csv", data=b"external_reference\n")
    original_name = factory.Sequence(lambda n: f"backlog-{n}.csv")
    status = "checked"


class SafeguardingTeamsFactory(DjangoModelFactory):
    """A council's safeguarding settings with a safeguarding team and a DoLS team."""

    class Meta:
        model = "safeguarding.SafeguardingSettings"
        django_get_or_create = ("council",)
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)

    @factory.post_generation
    def teams(settings, create, extracted, **kwargs):
        if create:
            settings.safeguarding_teams.add(TeamFactory(organisation=settings.council, name="Safeguarding"))
            settings.dols_teams.add(TeamFactory(organisation=settings.council, name="DoLS"))


class ConcernFactory(DjangoModelFactory):
    class Meta:
        model = "safeguarding.Concern"

    person = factory.SubFactory(PersonFactory)
    council = factory.LazyAttribute(lambda c: c.person.council)
    raised_by = factory.SubFactory(UserFactory)
    raised_by_organisation = factory.LazyAttribute(lambda c: c.person.council)
    what_happened = factory.Sequence(lambda n: f"Bruises seen on both arms, concern {n}")
    immediate_risk = "medium"
    risk = "medium"


class EnquiryFactory(DjangoModelFactory):
    class Meta:
        model = "safeguarding.Enquiry"

    concern = factory.SubFactory(ConcernFactory, status="enquiry", decision="s42")
    person = factory.LazyAttribute(lambda e: e.concern.person)
    council = factory.LazyAttribute(lambda e: e.concern.council)
    kind = "s42"
    lead = factory.SubFactory(UserFactory)


class DolsApplicationFactory(DjangoModelFactory):
    class Meta:
        model = "safeguarding.DolsApplication"

    person = factory.SubFactory(PersonFactory)
    council = factory.LazyAttribute(lambda a: a.person.council)
    managing_authority = "Elm Lodge Care Home"
    setting = "care_home"
    received_on = factory.LazyFunction(lambda: datetime.date.today())
    recorded_by = factory.SubFactory(UserFactory)
    reasons = factory.Sequence(lambda n: f"Locked door and constant supervision, request {n}")


class AllocationFactory(DjangoModelFactory):
    """An open allocation of an entry (allocated, needs assessment by default) to an assessor of the entry's council,
    unless `organisation` says the assessor works for a provider."""

    class Meta:
        model = "allocation.Allocation"

    entry = factory.SubFactory(WaitingListEntryFactory, work_type="needs_assessment", status="allocated")
    council = factory.LazyAttribute(lambda a: a.entry.council)
    person = factory.LazyAttribute(lambda a: a.entry.person)
    assessor = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda a: a.entry.council)
    allocated_by = factory.LazyAttribute(lambda a: a.assessor)
    reason = "Allocated for a test"


# Answers that meet reg 2: related to an illness, two outcomes unmet, a significant impact on wellbeing.
ELIGIBLE_ADULT_ANSWERS = {
    "impairment_or_illness": True,
    "outcomes": {"nutrition": ["without_assistance"], "personal_hygiene": ["pain_or_distress"]},
    "significant_impact": True,
    "wellbeing": {"health": "Not eating properly; weight loss since spring"},
}


class AssessmentFactory(DjangoModelFactory):
    """An assessment started from an allocation: `allocation__organisation=provider` makes it contracted work."""

    class Meta:
        model = "assessments.Assessment"
        exclude = ("allocation",)

    allocation = factory.SubFactory(AllocationFactory)
    entry = factory.LazyAttribute(lambda a: a.allocation.entry)
    council = factory.LazyAttribute(lambda a: a.entry.council)
    person = factory.LazyAttribute(lambda a: a.entry.person)
    kind = factory.LazyAttribute(lambda a: a.entry.work_type)
    assessor = factory.LazyAttribute(lambda a: a.allocation.assessor)
    organisation = factory.LazyAttribute(lambda a: a.allocation.organisation)
    method = "in_person"
    term = "long_term"


class PanelDecisionFactory(DjangoModelFactory):
    """A funding panel's return of a plan to re-plan."""

    class Meta:
        model = "assessments.PanelDecision"

    assessment = factory.SubFactory(AssessmentFactory, status="replan")
    council = factory.LazyAttribute(lambda d: d.assessment.council)
    weekly_cost_pence = 50_000
    decision = "returned"
    reasons = "Consider a day centre two days a week in place of some home care"
    decided_by = factory.SubFactory(UserFactory)


class SupportPlanFactory(DjangoModelFactory):
    class Meta:
        model = "assessments.SupportPlan"

    assessment = factory.SubFactory(AssessmentFactory)
    council = factory.LazyAttribute(lambda p: p.assessment.council)
    person = factory.LazyAttribute(lambda p: p.assessment.person)


class PlanLineFactory(DjangoModelFactory):
    """Ten hours of home care a week at £25 an hour: £250 a week."""

    class Meta:
        model = "assessments.PlanLine"

    plan = factory.SubFactory(SupportPlanFactory)
    council = factory.LazyAttribute(lambda line: line.plan.council)
    kind = "home_care"
    provider_name = "Riverside Home Care"
    starts_on = datetime.date(2026, 12, 14)
    cost_pence = 2_500
    frequency = "week"
    units = 10
