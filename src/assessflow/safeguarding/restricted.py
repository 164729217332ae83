"""What of safeguarding and DoLS sits in the apps below it, so that none of it reaches a provider, a referrer or
a citizen: DoLS waiting-list entries, referrals screened onto DoLS work, protection plan tasks, and the timeline
lines that tell of them. The app's AppConfig.ready() registers each with `people.restricted_work`."""

from django.db.models import Q, QuerySet

from assessflow.casework.models import Task
from assessflow.frontdoor.models import Referral
from assessflow.waiting.models import RESTRICTED_WORK, KeepInTouchContact, WaitingListEntry

from .models import ProtectionAction

# The line `waiting.services.keep_in_touch` writes for a call escalated to safeguarding.
ESCALATED_CALL = f"Keep-in-touch contact: {KeepInTouchContact.Outcome.SAFEGUARDING.label}"


def dols_entries() -> QuerySet[WaitingListEntry]:
    return WaitingListEntry.objects.filter(work_type__in=RESTRICTED_WORK)


def dols_referrals() -> QuerySet[Referral]:
    """A referral screened onto DoLS work: its lines and page say what the work is."""
    return Referral.objects.filter(waiting_list_entries__work_type__in=RESTRICTED_WORK)


def protection_tasks() -> QuerySet[Task]:
    return Task.objects.filter(pk__in=ProtectionAction.objects.values("task_id"))


def safeguarding_lines() -> Q:
    """A line about a safeguarding record itself (transitions write none today), or a call escalated to one."""
    return Q(object_type__startswith="safeguarding.") | Q(object_type="waiting.waitinglistentry", title=ESCALATED_CALL)
