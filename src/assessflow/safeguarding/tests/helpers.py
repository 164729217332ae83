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
