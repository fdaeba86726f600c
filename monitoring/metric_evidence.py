"""The gap engine's evidence on effect measurement: does a unit collect the metrics its level requires?

Met = every metric the level requires (not the optional ones) has data from the last 30 days on the unit's active
channels (snapshots for followers, reach, engagement and network members; the inbox for mentions and sentiment and
for user involvement); partly met = some of them; not met = none; not evidenced = the unit has no active channel.
A level that requires no metric leaves the unit out of the answer. Four queries whatever the number of units; within
an ``evidence_run`` the levels share the units' channels and figures (one query per level for what it requires).
"""

import datetime
from collections.abc import Mapping, Sequence

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from channels_plan.models import Channel
from governance.models import Unit
from maturity.evidence import Evidence, EvidenceStatus, register_evidence, run_memo, units_key
from maturity.models import RequiredMetric
from monitoring.duty_evidence import units_with_active_channels
from monitoring.metrics_reading.dashboard import INVOLVEMENT_CODES
from monitoring.metrics_reading.figures import PRESENCE
from monitoring.metrics_reading.periods import Period
from monitoring.models import ChannelDailySnapshot, Interaction

EVIDENCE_LABEL = gettext_lazy("Required metrics collected")
WINDOW_DAYS = 30


def _codes_with_data(unit_ids: list[int], period: Period) -> dict[int, set[str]]:
    active = Q(channel__status=Channel.Status.ACTIVE, channel__unit_id__in=unit_ids)
    codes: dict[int, set[str]] = {unit_id: set() for unit_id in unit_ids}
    snapshot_rows = (
        ChannelDailySnapshot.objects.filter(active, day__range=(period.start, period.end))
        .values("channel__unit_id")
        .annotate(**{code: Count("pk", filter=present) for code, present in PRESENCE.items()})
    )
    for row in snapshot_rows:
        codes[row["channel__unit_id"]].update(code for code in PRESENCE if row[code])
    start, end = period.datetimes()
    interaction_rows = (
        Interaction.objects.filter(active, occurred_at__gte=start, occurred_at__lt=end)
        .values("channel__unit_id")
        .annotate(total=Count("pk"), involvement=Count("pk", filter=Q(is_involvement=True)))
    )
    for row in interaction_rows:
        if row["total"]:
            codes[row["channel__unit_id"]].add("mentions_sentiment")
        if row["involvement"]:
            codes[row["channel__unit_id"]].update(INVOLVEMENT_CODES)
    return codes


def metrics_collected_evidence(
    units: Sequence[Unit], level_number: int, today: datetime.date
) -> Mapping[int, Evidence]:
    required = list(RequiredMetric.objects.filter(level__number=level_number, optional=False).select_related("metric"))
    if not required:
        return {}
    unit_ids = [unit.pk for unit in units]
    with_channels = units_with_active_channels(units)
    period = Period(start=today - datetime.timedelta(days=WINDOW_DAYS - 1), end=today)
    codes = run_memo(
        ("monitoring.metric_codes_with_data", units_key(units), today),
        lambda: _codes_with_data(sorted(with_channels), period),
    )
    metrics = [(row.metric.code, row.metric.name) for row in required]  # the names read once per level
    placeholder = 987654321
    url_pattern = reverse("metrics:unit", args=[placeholder]).replace(str(placeholder), "{unit_id}")
    no_channel, communication_unit = _("The unit has no active channel to measure."), _("The communication unit")
    summary_text = _("%(collected)d of %(required)d required metrics have data from the last %(days)d days")
    detail_text, owners = _("No data: %(metric)s"), _("The channel owners (import the platforms' export files)")
    answer = {}
    for unit_id in unit_ids:
        fix_url = url_pattern.format(unit_id=unit_id)
        if unit_id not in with_channels:
            answer[unit_id] = Evidence(
                status=EvidenceStatus.NOT_EVIDENCED, summary=no_channel, fix_url=fix_url, fix_by=communication_unit
            )
            continue
        missing = [name for code, name in metrics if code not in codes[unit_id]]
        collected = len(required) - len(missing)
        status = (
            EvidenceStatus.MET if not missing else EvidenceStatus.PARTLY_MET if collected else EvidenceStatus.NOT_MET
        )
        met = status == EvidenceStatus.MET
        answer[unit_id] = Evidence(
            status=status,
            summary=summary_text % {"collected": collected, "required": len(required), "days": WINDOW_DAYS},
            fix_url="" if met else fix_url,
            fix_by="" if met else owners,
            details=tuple(detail_text % {"metric": name} for name in missing),
        )
    return answer


def register_metric_evidence() -> None:
    """Called from ``MonitoringConfig.ready()``."""
    register_evidence(
        code="metrics_collected", dimension="effect", label=EVIDENCE_LABEL, provider=metrics_collected_evidence
    )
