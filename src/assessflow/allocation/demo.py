"""The demo council's areas, weights and assessor pool, set up idempotently."""

from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.people.demo.names import POSTCODE_DISTRICTS
from assessflow.tenancy.models import Membership, Organisation, User

from .models import AllocationSettings, Area, AssessorProfile, ContractScope
from .selectors import live_contracts

# email: (slots a week, skills, base area, areas covered, supervisor's email)
POOL = {
    "social.worker@demo-borough.example": (
        6,
        ["older_people", "learning_disability"],
        "DB1",
        ["DB1", "DB2", "DB3"],
        "",
    ),
    "ot@demo-borough.example": (5, ["ot_equipment", "physical_disability"], "DB4", ["DB3", "DB4", "DB5", "DB6"], ""),
    "assistant@demo-borough.example": (8, ["older_people"], "DB2", ["DB1", "DB2"], "manager@demo-borough.example"),
    "trusted.assessor@demo-borough.example": (6, ["ot_equipment", "older_people"], "DB5", ["DB5", "DB6", "DB7"], ""),
    "manager@demo-borough.example": (2, ["older_people", "mental_health"], "DB1", list(POSTCODE_DISTRICTS), ""),
    "safeguarding@demo-borough.example": (2, ["mental_health", "bia"], "DB3", ["DB2", "DB3", "DB4"], ""),
    "dols@demo-borough.example": (3, ["bia", "older_people"], "DB6", list(POSTCODE_DISTRICTS), ""),
    "assessor@brightpath.example": (10, ["older_people", "physical_disability"], "DB7", ["DB6", "DB7", "DB8"], ""),
}
CONTRACT_FEES = {"annual_review": 32_000, "six_week_review": 24_000, "needs_assessment": 41_000, "reassessment": 38_000}


@scopes_disabled()
def load_demo_allocation(council: Organisation) -> None:
    AllocationSettings.objects.get_or_create(council=council)
    areas = {
        code: Area.objects.get_or_create(council=council, code=code, defaults={"name": f"District {code[2:]}"})[0]
        for code in POSTCODE_DISTRICTS
    }
    for contract in live_contracts(council, timezone.localdate()).values():
        ContractScope.objects.get_or_create(
            council=council, contract=contract, defaults={"work_types": sorted(CONTRACT_FEES)}
        )
    for email, (slots, skills, base, covered, supervisor) in POOL.items():
        membership = Membership.objects.filter(user__email=email, is_active=True).exclude(qualification="").first()
        if membership is None or AssessorProfile.objects.filter(council=council, membership=membership).exists():
            continue
        profile = AssessorProfile.objects.create(
            council=council,
            membership=membership,
            weekly_slots=slots,
            skills=skills,
            base_area=areas[base],
            supervisor=User.objects.filter(email=supervisor).first() if supervisor else None,
            fees=CONTRACT_FEES if membership.organisation_id != council.pk else {},
        )
        profile.areas.set([areas[code] for code in covered])
