"""Which status moves an assessment may make. Pure: no database."""

from .models import Assessment

S = Assessment.Status

# Submitting and passing a check both go to "the next step" (`route.next_step`): another check, the panel, or an
# agreed outcome; WITH_QA -> WITH_QA is the provider's check passed with the council's still to come.
_ONWARD = frozenset({S.WITH_QA, S.WITH_SIGN_OFF, S.WITH_PANEL, S.AGREED})
ASSESSMENT_MOVES: dict[str, frozenset[str]] = {
    S.IN_PROGRESS: _ONWARD | {S.CLOSED},
    S.RETURNED: _ONWARD | {S.CLOSED},
    S.WITH_QA: _ONWARD | {S.RETURNED},
    S.WITH_SIGN_OFF: _ONWARD | {S.RETURNED},
    S.WITH_PANEL: frozenset({S.AGREED, S.REPLAN}),
    S.REPLAN: frozenset({S.WITH_PANEL, S.AGREED}),
}
ASSESSMENT = "assessment"
# Where the assessor may change what was recorded.
EDITABLE = frozenset({S.IN_PROGRESS, S.RETURNED})
# Where the assessor may change the plan (a panel's "re-plan" reopens the plan, not the assessment).
PLAN_EDITABLE = frozenset({S.IN_PROGRESS, S.RETURNED, S.REPLAN})
