"""Reads of referrals, through the people the acting membership may see."""

import datetime

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from assessflow.people.selectors import on_person_for, people_visible_to
from assessflow.tenancy.models import Membership

from .models import Referral

QUEUE_LIMIT = 200


def referral_for(membership: Membership, referral_id: int, session=None, *, to_change: bool = False) -> Referral:
    queryset = Referral.objects.select_related("recorded_by", "screened_by")
    return on_person_for(queryset, membership, referral_id, session, to_change=to_change)


def screening_queue(membership: Membership) -> QuerySet[Referral]:
    """Open referrals, most urgent and then oldest first."""
    urgency_order = {Referral.Urgency.URGENT: 0, Referral.Urgency.SOON: 1, Referral.Urgency.ROUTINE: 2}
    rank = Case(*(When(urgency=u, then=Value(n)) for u, n in urgency_order.items()), output_field=IntegerField())
    return (
        Referral.objects.filter(
            person__in=people_visible_to(membership),
            status__in=[Referral.Status.RECEIVED, Referral.Status.INFO_REQUESTED],
        )
        .select_related("person")
        .annotate(urgency_rank=rank)
        .order_by("urgency_rank", "received_at", "pk")
    )


def screening_counts(membership: Membership, today: datetime.date) -> dict[str, int]:
    """How many wait for screening: by status, by urgency and by how long ago they came in, in one query."""
    start_of_today = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    week_ago = start_of_today - datetime.timedelta(days=7)
    return (
        screening_queue(membership)
        .order_by()
        .aggregate(
            total=Count("pk"),
            received=Count("pk", filter=Q(status=Referral.Status.RECEIVED)),
            info_requested=Count("pk", filter=Q(status=Referral.Status.INFO_REQUESTED)),
            urgent=Count("pk", filter=Q(urgency=Referral.Urgency.URGENT)),
            soon=Count("pk", filter=Q(urgency=Referral.Urgency.SOON)),
            routine=Count("pk", filter=Q(urgency=Referral.Urgency.ROUTINE)),
            today=Count("pk", filter=Q(received_at__gte=start_of_today)),
            this_week=Count("pk", filter=Q(received_at__gte=week_ago, received_at__lt=start_of_today)),
            older=Count("pk", filter=Q(received_at__lt=week_ago)),
        )
    )


def referrals_of(person) -> QuerySet[Referral]:
    return Referral.objects.filter(person=person).order_by("-received_at", "-pk")


def referrals_made_by(membership: Membership) -> QuerySet[Referral]:
    """Every referral made by the referrer's organisation, newest first: theirs and no one else's."""
    return Referral.objects.filter(referrer_organisation=membership.organisation).order_by("-received_at", "-pk")


def counts_made_by(membership: Membership) -> dict[str, int]:
    """The referrer's own referrals, counted as the portal words their status, in one query."""
    return (
        referrals_made_by(membership)
        .order_by()
        .aggregate(
            total=Count("pk"),
            received=Count("pk", filter=Q(status=Referral.Status.RECEIVED)),
            info_requested=Count("pk", filter=Q(status=Referral.Status.INFO_REQUESTED)),
            screened=Count("pk", filter=~Q(status__in=[Referral.Status.RECEIVED, Referral.Status.INFO_REQUESTED])),
        )
    )


def portal_referral_for(membership: Membership, referral_id: int) -> Referral:
    referral = referrals_made_by(membership).prefetch_related("information_requests").filter(pk=referral_id).first()
    if referral is None:
        raise Http404("Not found")
    return referral


def outcome_for_referrer(referral: Referral) -> str | None:
    """The outcome, only where the person consented to the referrer being told, or referred themselves (s.12)."""
    if referral.is_open:
        return None
    if referral.consent_to_share_outcome or referral.source == Referral.Source.SELF:
        if referral.outcome:
            return f"{referral.outcome} ({referral.outcome_on:%-d %B %Y})" if referral.outcome_on else referral.outcome
        return referral.get_status_display()
    return None


def status_for_referrer(referral: Referral) -> str:
    if referral.status == Referral.Status.RECEIVED:
        return "Received: waiting to be screened"
    if referral.status == Referral.Status.INFO_REQUESTED:
        return "We need more information from you"
    return "Screened"
