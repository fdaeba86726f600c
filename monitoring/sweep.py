"""The monitoring sweep: which duties are not met right now, as alerts that open and close themselves.

Set-based: every cause is found with one query over all channels, interactions, plans and feeds, whatever their
number; the decisions per row are made in Python on the fetched values. Each alert has a key naming its cause and
object, and at most one alert per key is open (a partial unique constraint): a sweep that runs twice, or two beats
at once, open nothing twice, and an alert whose cause is gone is closed. The task around it mails new and escalated
alerts after the sweep's transaction has committed (monitoring/tasks.py).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, Subquery
from django.utils import timezone

from channels_plan.models import Channel, ChannelPlan, ChannelReview, ContentProposal, ContentStrategy
from maturity.models import MonitoringNorm
from monitoring.models import Alert, ChannelCheck, Interaction, MentionFeed
from monitoring.working_time import elapsed_minutes

YEARLY_REVIEW = timedelta(days=365)
INVOLVEMENT_POSTS_WATCHED_FOR = timedelta(days=14)
FEED_FAILURES_BEFORE_ALERT = 3
DEFAULT_ESCALATION = timedelta(hours=24)  # units without a level: escalate after a day


@dataclass(frozen=True)
class WantedAlert:
    key: str
    cause: str
    hospital_id: int
    unit_id: int | None = None
    channel_id: int | None = None
    interaction_id: int | None = None
    feed_id: int | None = None


@dataclass
class SweepResult:
    opened: list[int] = field(default_factory=list)
    closed: int = 0
    escalated: list[int] = field(default_factory=list)


def _latest(model, *, time_field: str, **filters):
    return Subquery(model.objects.filter(**filters).order_by(f"-{time_field}").values(time_field)[:1])


def _last_published():
    """The channel's latest publication: a grouped MAX over its own proposal links (an ORDER BY ... LIMIT 1 over
    proposals would put the unpublished ones, NULL, first on PostgreSQL and walk them all for every channel)."""
    links = ContentProposal.channels.through.objects.filter(channel_id=OuterRef("pk"))
    return Subquery(
        links.order_by().values("channel_id").annotate(latest=Max("contentproposal__published_at")).values("latest")
    )


def _channel_alerts(now: datetime, norms: dict[int, MonitoringNorm]) -> list[WantedAlert]:
    involvement_posts = ContentProposal.objects.filter(
        channels=OuterRef("pk"),
        strategy=ContentStrategy.INVOLVEMENT,
        published_at__gte=now - INVOLVEMENT_POSTS_WATCHED_FOR,
    )
    channels = Channel.objects.filter(status=Channel.Status.ACTIVE).values(
        "pk",
        "unit_id",
        "owner_id",
        "backup_id",
        "registered_at",
        "backup__is_active",
        hospital_id=F("unit__hospital_id"),
        country=F("unit__hospital__country"),
        level=F("unit__maturity__current_level__number"),
        last_check=_latest(ChannelCheck, time_field="checked_at", channel=OuterRef("pk")),
        last_published=_last_published(),
        last_review=_latest(ChannelReview, time_field="reviewed_at", channel=OuterRef("pk")),
        has_involvement=Exists(involvement_posts),
    )
    wanted = []
    for row in channels:
        base = {"hospital_id": row["hospital_id"], "unit_id": row["unit_id"], "channel_id": row["pk"]}

        def alert(cause: str, row=row, base=base) -> WantedAlert:
            return WantedAlert(key=f"{cause}:channel:{row['pk']}", cause=cause, **base)

        if not row["backup__is_active"] or row["backup_id"] == row["owner_id"]:
            wanted.append(alert(Alert.Cause.NO_BACKUP))
        if (row["last_review"] or row["registered_at"]) + YEARLY_REVIEW < now:
            wanted.append(alert(Alert.Cause.REVIEW_DUE))
        norm = norms.get(row["level"])
        if norm is None:
            continue
        last_check = row["last_check"] or row["registered_at"]
        since_check = elapsed_minutes(last_check, now, working_time=norm.checks_in_working_time, country=row["country"])
        if since_check > norm.check_interval_minutes:
            wanted.append(alert(Alert.Cause.MISSED_CHECK))
        if row["has_involvement"] and norm.involvement_check_interval_minutes:
            if since_check > norm.involvement_check_interval_minutes:
                wanted.append(alert(Alert.Cause.INVOLVEMENT_CHECK))
        last_activity = max(filter(None, [row["last_check"], row["last_published"], row["registered_at"]]))
        if last_activity + timedelta(days=norm.dormant_after_days) < now:
            wanted.append(alert(Alert.Cause.DORMANT_CHANNEL))
    return wanted


def _interaction_alerts(now: datetime) -> list[WantedAlert]:
    overdue = Interaction.objects.filter(status__in=Interaction.OPEN_STATUSES, deadline__lt=now).values_list(
        "pk", "hospital_id", "unit_id", "channel_id"
    )
    return [
        WantedAlert(
            key=f"{Alert.Cause.OVERDUE_ANSWER}:interaction:{pk}",
            cause=Alert.Cause.OVERDUE_ANSWER,
            hospital_id=hospital_id,
            unit_id=unit_id,
            channel_id=channel_id,
            interaction_id=pk,
        )
        for pk, hospital_id, unit_id, channel_id in overdue
    ]


def _plan_alerts(now: datetime) -> list[WantedAlert]:
    due = ChannelPlan.objects.filter(
        status=ChannelPlan.Status.APPROVED, evaluation_date__lt=timezone.localdate(now), evaluated_at__isnull=True
    ).values_list("pk", "unit__hospital_id", "unit_id", "channel__pk")
    return [
        WantedAlert(
            key=f"{Alert.Cause.EVALUATION_DUE}:plan:{pk}",
            cause=Alert.Cause.EVALUATION_DUE,
            hospital_id=hospital_id,
            unit_id=unit_id,
            channel_id=channel_id,
        )
        for pk, hospital_id, unit_id, channel_id in due
    ]


def _feed_alerts() -> list[WantedAlert]:
    failing = MentionFeed.objects.filter(
        is_active=True, consecutive_failures__gte=FEED_FAILURES_BEFORE_ALERT
    ).order_by()
    return [
        WantedAlert(
            key=f"{Alert.Cause.FEED_FAILING}:feed:{pk}",
            cause=Alert.Cause.FEED_FAILING,
            hospital_id=hospital_id,
            feed_id=pk,
        )
        for pk, hospital_id in failing.values_list("pk", "hospital_id")
    ]


def wanted_alerts(now: datetime, norms: dict[int, MonitoringNorm]) -> dict[str, WantedAlert]:
    found = [*_channel_alerts(now, norms), *_interaction_alerts(now), *_plan_alerts(now), *_feed_alerts()]
    return {alert.key: alert for alert in found}


def _escalation_due(now: datetime, norms: dict[int, MonitoringNorm]) -> list[int]:
    candidates = (
        Alert.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(closed_at__isnull=True, escalated_at__isnull=True)
        .values_list("pk", "opened_at", "unit__maturity__current_level__number")
    )
    due = []
    for pk, opened_at, level in candidates:
        norm = norms.get(level)
        threshold = timedelta(minutes=norm.escalate_after_minutes) if norm else DEFAULT_ESCALATION
        if opened_at + threshold <= now:
            due.append(pk)
    return due


@transaction.atomic
def monitoring_sweep(*, now: datetime | None = None) -> SweepResult:
    """Open the alerts whose cause holds, close those whose cause is gone, escalate those open too long."""
    now = now or timezone.now()
    norms = {norm.level.number: norm for norm in MonitoringNorm.objects.select_related("level")}
    wanted = wanted_alerts(now, norms)
    open_alerts = dict(Alert.objects.filter(closed_at__isnull=True).order_by().values_list("key", "pk"))
    result = SweepResult()
    gone = [pk for key, pk in open_alerts.items() if key not in wanted]
    if gone:
        result.closed = Alert.objects.filter(pk__in=gone, closed_at__isnull=True).update(closed_at=now)
    new = [Alert(opened_at=now, **vars(alert)) for key, alert in wanted.items() if key not in open_alerts]
    if new:
        Alert.objects.bulk_create(new, ignore_conflicts=True)
    # Rows another sweep is notifying right now are skipped (PostgreSQL), so nobody is mailed twice.
    to_notify = Alert.objects.select_for_update(skip_locked=True).filter(
        closed_at__isnull=True, notified_at__isnull=True
    )
    result.opened = list(to_notify.values_list("pk", flat=True))
    if result.opened:
        Alert.objects.filter(pk__in=result.opened).update(notified_at=now)
    result.escalated = _escalation_due(now, norms)
    if result.escalated:
        Alert.objects.filter(pk__in=result.escalated).update(escalated_at=now)
    return result
