"""The access-log action codes the audit app writes, and how each reads on a timeline."""

from enum import StrEnum


class AccessAction(StrEnum):
    PERSON_SHOWN = "person.shown"


# Registered with `audit.display.ACTION_SENTENCES` in the app's AppConfig.ready().
SENTENCES = {
    AccessAction.PERSON_SHOWN: "Record shown on a page",
}
