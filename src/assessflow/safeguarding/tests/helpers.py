"""Filling the safeguarding forms as a worker would."""

import uuid

CONCERN = {
    "what_happened": "Her son shouts at her and takes her pension each week",
    "happened_on_0": "",
    "happened_on_1": "",
    "happened_on_2": "",
    "happened_where": "At home",
    "person_view": "She wants the money to stop going",
    "immediate_risk": "medium",
    "immediate_action_detail": "",
    "raiser_anonymous": "no",
}


def raise_concern(client, person, **changes):
    data = {**CONCERN, "submission_id": str(uuid.uuid4()), **changes}
    return client.post(f"/safeguarding/people/{person.pk}/concerns/new/", data)


def decision(concern, **changes):
    return {
        "version": concern.version,
        "has_care_needs": "yes",
        "has_care_needs_reason": "Dementia; home care four times a day",
        "abuse_or_risk": "yes",
        "abuse_or_risk_reason": "Financial abuse by her son, seen by the carer",
        "unable_to_protect": "yes",
        "unable_to_protect_reason": "Cannot manage money or refuse him",
        "decision": "s42",
        "decision_note": "",
        "refer_for_assessment": "",
        **changes,
    }


def dols_assessors(cast, council=None):
    """A worker of the council approved as a best interests assessor (in its pool with the skill), and an external
    doctor approved as mental health assessor, as the council would record them."""
    import datetime

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from assessflow.allocation.models import AssessorProfile
    from assessflow.safeguarding.models import ApprovedDoctor
    from assessflow.tenancy.roles import Qualification, Role
    from assessflow.tests import factories

    council = council or cast.council_a
    with scopes_disabled():
        bia = factories.MembershipFactory(
            organisation=council, role=Role.ASSESSOR, qualification=Qualification.SOCIAL_WORKER
        )
        AssessorProfile.objects.create(council=council, membership=bia, skills=["bia"])
        doctor = ApprovedDoctor.objects.create(
            council=council,
            name="Dr Ada Mensah",
            gmc_number="7123456",
            approval="s12",
            organisation="Northway Assessment Services",
            approval_ends_on=timezone.localdate() + datetime.timedelta(days=200),
            added_by=bia.user,
        )
    return bia, doctor


def name_assessors(client, application, bia, doctor):
    return client.post(
        f"/safeguarding/dols/{application.pk}/assessors/",
        {
            "best_interests_assessor": bia.user.pk if bia else "",
            "mental_health_assessor": doctor.pk if doctor else "",
            "version": application.version,
        },
    )


def assess(client, application, requirement, **changes):
    data = {
        "requirement": requirement,
        "assessed_by": "mental_health" if requirement == "mental_health" else "best_interests",
        "met": "yes",
        "finding": f"{requirement} met",
        "recommended_months": "6" if requirement == "best_interests" else "",
        "recommended_conditions": "A daily walk" if requirement == "best_interests" else "",
        **changes,
    }
    return client.post(f"/safeguarding/dols/{application.pk}/assessments/{requirement.replace('_', '-')}/", data)


def grant(application, **changes):
    return {
        "grant": "yes",
        "months": "6",
        "conditions": "Daily walk",
        "representative_name": "June Parry",
        "representative_kind": "family_or_friend",
        "representative_contact": "Daughter",
        "reason": "",
        "version": application.version,
        **changes,
    }
