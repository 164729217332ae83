"""The value lists safeguarding records use: the Safeguarding Adults Collection's, and the DoLS requirements."""

from django.db import models


class Risk(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


RISK_ORDER = {Risk.HIGH: 0, Risk.MEDIUM: 1, Risk.LOW: 2}


class ImmediateAction(models.TextChoices):
    POLICE = "police", "Police called"
    AMBULANCE = "ambulance", "Ambulance called"
    REMOVED = "removed", "Removed from harm"
    OTHER = "other", "Other action"


# The collection's answer where the council cannot tell whether the adult was asked what outcomes they want.
DONT_KNOW = "dont_know"


class AskedOf(models.TextChoices):
    ADULT = "adult", "The adult"
    REPRESENTATIVE = "representative", "Their representative"


class Capacity(models.TextChoices):
    HAS = "has", "Has capacity for these decisions"
    LACKS = "lacks", "Lacks capacity for these decisions"
    NOT_ASSESSED = "not_assessed", "Not yet assessed"


class RiskType(models.TextChoices):
    PHYSICAL = "physical", "Physical abuse"
    SEXUAL = "sexual", "Sexual abuse"
    PSYCHOLOGICAL = "psychological", "Psychological abuse"
    FINANCIAL = "financial", "Financial or material abuse"
    DISCRIMINATORY = "discriminatory", "Discriminatory abuse"
    ORGANISATIONAL = "organisational", "Organisational abuse"
    NEGLECT = "neglect", "Neglect and acts of omission"
    DOMESTIC = "domestic", "Domestic abuse"
    SEXUAL_EXPLOITATION = "sexual_exploitation", "Sexual exploitation"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    SELF_NEGLECT = "self_neglect", "Self-neglect"


class RiskLocation(models.TextChoices):
    OWN_HOME = "own_home", "Own home"
    COMMUNITY = "community", "In the community (excluding community services)"
    COMMUNITY_SERVICE = "community_service", "In a community service"
    CARE_HOME_NURSING = "care_home_nursing", "Care home: nursing"
    CARE_HOME_RESIDENTIAL = "care_home_residential", "Care home: residential"
    HOSPITAL_ACUTE = "hospital_acute", "Hospital: acute"
    HOSPITAL_MENTAL_HEALTH = "hospital_mental_health", "Hospital: mental health"
    HOSPITAL_COMMUNITY = "hospital_community", "Hospital: community"
    OTHER = "other", "Other"


class RiskSource(models.TextChoices):
    SERVICE_PROVIDER = "service_provider", "Service provider"
    KNOWN = "known", "Other: known to the individual"
    UNKNOWN = "unknown", "Other: unknown to the individual"


class ActionTaken(models.TextChoices):
    RISK_ACTION = "risk_action", "Risk identified and action taken"
    RISK_NO_ACTION = "risk_no_action", "Risk identified and no action taken"
    INCONCLUSIVE_ACTION = "inconclusive_action", "Risk assessment inconclusive and action taken"
    INCONCLUSIVE_NO_ACTION = "inconclusive_no_action", "Risk assessment inconclusive and no action taken"
    NO_RISK_ACTION = "no_risk_action", "No risk identified and action taken"
    NO_RISK_NO_ACTION = "no_risk_no_action", "No risk identified and no action taken"
    CEASED = "ceased", "Enquiry ceased at the adult's request and no action taken"


# The collection asks the result for the risk only where a risk was identified and action taken.
NEEDS_RESULT = frozenset({ActionTaken.RISK_ACTION})


class RiskResult(models.TextChoices):
    REMOVED = "removed", "Risk removed"
    REDUCED = "reduced", "Risk reduced"
    REMAINS = "remains", "Risk remains"


class Achieved(models.TextChoices):
    FULLY = "fully", "Fully achieved"
    PARTIALLY = "partially", "Partially achieved"
    NOT = "not", "Not achieved"


class Requirement(models.TextChoices):
    AGE = "age", "Age"
    MENTAL_HEALTH = "mental_health", "Mental health"
    MENTAL_CAPACITY = "mental_capacity", "Mental capacity"
    BEST_INTERESTS = "best_interests", "Best interests"
    ELIGIBILITY = "eligibility", "Eligibility"
    NO_REFUSALS = "no_refusals", "No refusals"


# Which requirement each assessor may assess (the 2008 standard authorisation regulations): the mental health
# assessment is a doctor's, the best interests, age and no refusals assessments a best interests assessor's; either
# may assess mental capacity and eligibility.
class AssessedBy(models.TextChoices):
    BEST_INTERESTS = "best_interests", "The best interests assessor"
    MENTAL_HEALTH = "mental_health", "The mental health assessor"


ASSESSED_BY: dict[str, set[str]] = {
    Requirement.AGE: {AssessedBy.BEST_INTERESTS},
    Requirement.MENTAL_HEALTH: {AssessedBy.MENTAL_HEALTH},
    Requirement.MENTAL_CAPACITY: {AssessedBy.BEST_INTERESTS, AssessedBy.MENTAL_HEALTH},
    Requirement.BEST_INTERESTS: {AssessedBy.BEST_INTERESTS},
    Requirement.ELIGIBILITY: {AssessedBy.BEST_INTERESTS, AssessedBy.MENTAL_HEALTH},
    Requirement.NO_REFUSALS: {AssessedBy.BEST_INTERESTS},
}


class DoctorApproval(models.TextChoices):
    SECTION_12 = "s12", "Approved under section 12 of the Mental Health Act 1983"
    EXPERIENCE = "experience", "Three years' experience in mental disorder (2008 regulations)"


class RepresentativeKind(models.TextChoices):
    FAMILY_OR_FRIEND = "family_or_friend", "A family member or friend"
    PAID = "paid", "A paid representative"
