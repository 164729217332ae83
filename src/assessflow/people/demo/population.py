"""A deterministic, realistic population for the demo council, generated a chunk at a time.

Person number i always comes out the same (same name, age, support reason and
review date), so loading twice, or loading more later, never duplicates anyone.
"""

import datetime
import random
from collections.abc import Iterator

from assessflow import cld

from ..identity import is_valid_nhs_number, normalise_name
from . import names

# Weights follow the shape of adult social care caseloads: mostly older people
# with physical support needs, then memory and cognition, learning disability, mental health.
SUPPORT_REASONS = (
    ("Physical support: Personal care support", 46),
    ("Physical support: Access and mobility only", 8),
    ("Support with memory and cognition", 14),
    ("Learning disability support", 13),
    ("Mental health support", 10),
    ("Sensory support: Support for visual impairment", 2),
    ("Sensory support: Support for hearing impairment", 1),
    ("Social support: Support for social isolation or other reason", 3),
    ("Social support: Substance misuse support", 1),
    ("Social support: Support to unpaid carer", 2),
)
ACCOMMODATION = (
    ("Owner occupier or shared ownership scheme", 40),
    ("Tenant: Local authority or other social housing provider", 25),
    ("Tenant: Private landlord", 8),
    ("Settled mainstream housing with family or friends", 10),
    ("Sheltered housing, extra care housing or other sheltered housing", 7),
    ("Supported accommodation, supported lodgings or supported group home", 4),
    ("Registered care home", 4),
    ("Registered nursing home", 2),
)
ETHNICITY = (
    ("White: English, Welsh, Scottish, Northern Irish or British", 78),
    ("White: Irish", 2),
    ("White: Any other White background", 5),
    ("Asian or Asian British: Indian", 3),
    ("Asian or Asian British: Pakistani", 4),
    ("Asian or Asian British: Bangladeshi", 1),
    ("Black, Black British, Caribbean or African: Caribbean", 2),
    ("Black, Black British, Caribbean or African: African", 2),
    ("Mixed or multiple ethnic groups: White and Black Caribbean", 1),
    ("Other ethnic group: Any other ethnic group", 1),
    ("No data: Undeclared or not known", 1),
)
CHUNK_SIZE = 5000


def _weighted(rng: random.Random, options):
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def _age(rng: random.Random, reason: str) -> int:
    if reason in ("Learning disability support", "Mental health support"):
        return rng.randint(18, 70)
    return min(101, max(18, int(rng.gauss(80, 9))))


def nhs_number_for(index: int) -> str:
    """A valid number in the 999 range the NHS keeps for testing; about one in ten people has none known."""
    if index >= 1_000_000 or index % 10 == 7:
        return ""
    base = f"999{index:06d}"
    for check in range(10):
        if is_valid_nhs_number(base + str(check)):
            return base + str(check)
    return ""


def person_row(index: int, today: datetime.date, seed: int) -> dict:
    """The demo person number `index`, as the fields of a Person."""
    rng = random.Random(f"{seed}:{index}")
    is_female = rng.random() < 0.6
    given = rng.choice(names.FEMALE if is_female else names.MALE)
    family = rng.choice(names.FAMILY)
    reason = _weighted(rng, SUPPORT_REASONS)
    age = _age(rng, reason)
    born = today - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
    due = today + datetime.timedelta(days=rng.randint(-240, 365))
    gp_name, gp_code = rng.choice(names.GP_PRACTICES)
    employment = "Not in paid employment: Not actively seeking work or retired"
    if age < 65 and reason == "Learning disability support":
        employment = rng.choice(cld.values("employment_status")[:5])
    return {
        "external_reference": f"DEMO-{index:07d}",
        "nhs_number": nhs_number_for(index),
        "given_name": given,
        "family_name": family,
        "given_name_key": normalise_name(given),
        "family_name_key": normalise_name(family),
        "date_of_birth": born,
        "address_line_1": f"{rng.randint(1, 180)} {rng.choice(names.STREETS)}",
        "town": names.TOWN,
        "postcode": f"{rng.choice(names.POSTCODE_DISTRICTS)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
        # Ofcom's drama range (07700 900000 to 900999): well formed, never anyone's. The draw is kept as it was
        # so the rest of the generated population stays the same.
        "phone": f"07700 900{rng.randint(0, 99999) % 1000:03d}",
        "gender": "Female" if is_female else "Male",
        "ethnicity": _weighted(rng, ETHNICITY),
        "client_type": "Service user",
        "primary_support_reason": reason,
        "accommodation_status": _weighted(rng, ACCOMMODATION),
        "employment_status": employment,
        "has_unpaid_carer": rng.choice(("Yes", "No", "Yes", "No", "Unknown")),
        "autism_spectrum_disorder": "Yes" if rng.random() < 0.03 else "No",
        # Answers from the Client Level Data lists the person form offers; the draws are unchanged.
        "visual_impairment": "Partial sight/sight impaired" if rng.random() < 0.06 else "No visual impairment",
        "hearing_impairment": "Hard of hearing" if rng.random() < 0.08 else "No hearing impairment",
        "dementia": "Yes" if reason == "Support with memory and cognition" else "No",
        "gp_practice_name": gp_name,
        "gp_practice_code": gp_code,
        "last_review_on": due - datetime.timedelta(days=365),
        "review_due_on": due,
    }


def carer_name(index: int, family_name: str, seed: int) -> str | None:
    """About a third of people have an unpaid carer, usually family."""
    rng = random.Random(f"{seed}:carer:{index}")
    if rng.random() >= 0.33:
        return None
    return f"{rng.choice(names.FEMALE + names.MALE)} {family_name}"


def chunks(count: int, size: int = CHUNK_SIZE) -> Iterator[range]:
    for start in range(1, count + 1, size):
        yield range(start, min(start + size, count + 1))
