"""The gap engine's evidence on effect measurement: does a unit collect the metrics its level requires?

One truth: the figures are the metric dashboard's (``metrics.reading.coverage``, the same selector its
"What level N requires" reads, for the last 30 days): a department's own (``/metrics/units/<id>/?level=N``), and for
the communication unit, which answers the hospital's lines, the hospital's (``/metrics/?hospital=<id>&level=N``). A
channel counts once the channel registry lists it active; figures imported for a channel still planned or paused are
named, with the way to count them (set the channel active).

What a unit is asked is ``metrics.reading.asked``'s, which the dashboard reads too: the communication unit
the metrics the hospital's lines ask; a department only what the department lines in force at the level that reach it
ask (at level 5, a department running a patient network the network metric; at levels 1–4, where the effect lines are
the hospital's, nothing: "not applicable", the communication unit measures). Met = every metric asked (not the
optional ones) has data from the last 30 days; partly met = some of them; not met = none.

No silent passes: where the scale asks (``maturity.evidence.source_asked_at``) every unit gets an answer. A department
asked for metrics without an active channel of its own does not meet the line: it must activate its channel (the
one figures were imported for, if any); a hospital without an active channel does not meet the line.

A fixed number of queries whatever the number of units; within an ``evidence_run`` the levels share the units'
channels, figures and the lines in force (one query per level for what it requires).
"""

import datetime
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from channels_plan.evidence import answering_channel_counts
from channels_plan.models import Channel
from governance.models import Unit
from maturity.evidence import Evidence, EvidenceStatus, register_evidence, run_memo, source_asked_at, units_key
from metrics.reading.asked import metrics_asked
from metrics.reading.coverage import MetricCoverage, hospitals_metric_coverage, units_metric_coverage
from metrics.reading.dashboard import required_metric_list
from metrics.reading.periods import Period

EVIDENCE_LABEL = gettext_lazy("Required metrics collected")
WINDOW_DAYS = 30


def metrics_url(unit: Unit, level_number: int) -> str:
    """The department's metric dashboard (the communication unit's: the hospital's), checking what ``level_number``
    requires over the last 30 days."""
    if unit.is_communication_unit:
        query = urlencode({"hospital": unit.hospital_id, "level": level_number})
        return f"{reverse('metrics:hospital')}?{query}"
    return f"{reverse('metrics:unit', args=[unit.pk])}?{urlencode({'level': level_number})}"


def _coverage(units: Sequence[Unit], today: datetime.date) -> dict[int, MetricCoverage]:
    """Per unit the coverage it answers for: a department its own, the communication unit the hospital's. Four
    queries, once per ``evidence_run``."""
    period = Period(start=today - datetime.timedelta(days=WINDOW_DAYS - 1), end=today)
    departments = [unit.pk for unit in units if not unit.is_communication_unit]
    hospitals = {unit.hospital_id for unit in units if unit.is_communication_unit}
    own = units_metric_coverage(unit_ids=departments, period=period)
    by_hospital = hospitals_metric_coverage(hospital_ids=hospitals, period=period)
    return {
        unit.pk: (by_hospital if unit.is_communication_unit else own).get(
            unit.hospital_id if unit.is_communication_unit else unit.pk, MetricCoverage()
        )
        for unit in units
    }


def metrics_collected_evidence(
    units: Sequence[Unit], level_number: int, today: datetime.date
) -> Mapping[int, Evidence]:
    if not source_asked_at("metrics_collected", level_number):
        return {}
    required = [row for row in required_metric_list(level_number=level_number) if not row.optional]
    coverage = run_memo(("monitoring.metric_coverage", units_key(units), today), lambda: _coverage(units, today))
    channels = answering_channel_counts(units)
    asked_of = metrics_asked(units, level_number)
    metrics = [(row.metric.code, row.metric.name) for row in required]  # the names read once per level
    communication = _("The communication unit")
    nothing_configured = _("No metric is set as required at this level.")
    no_channel = _("The channel registry lists no active channel of the hospital to measure.")
    not_asked = _(
        "The level asks no metric of the department itself: the communication unit measures the official profiles "
        "for the whole hospital."
    )
    no_own_channel = _(
        "The unit has no active channel of its own to measure what the level asks of it: set its channel active in "
        "the channel registry once the account exists."
    )
    inactive_text = _(
        "No active channel to measure: figures were imported for %(channels)s. Set the channel active "
        "in the channel registry once the account exists, and its figures count."
    )
    summary_text = _("%(collected)d of %(required)d required metrics have data from the last %(days)d days")
    detail_text, owners = _("No data: %(metric)s"), _("The channel owners (import the platforms' export files)")
    owner = _("The channel's owner")
    registry = reverse("channels_plan:channel_list")  # its channels to activate come first
    answer = {}
    for unit in units:
        unit_id = unit.pk
        if not asked_of[unit_id].asks_anything:  # a department no line of the level reaches
            answer[unit_id] = Evidence(EvidenceStatus.NOT_APPLICABLE, not_asked)
            continue
        if not channels[unit_id][Channel.Status.ACTIVE]:
            inactive = coverage[unit_id].inactive_with_data
            if inactive:
                answer[unit_id] = Evidence(
                    EvidenceStatus.NOT_MET,
                    inactive_text % {"channels": ", ".join(inactive)},
                    registry,
                    owner,
                )
            elif unit.is_communication_unit:
                answer[unit_id] = Evidence(EvidenceStatus.NOT_MET, no_channel, registry, communication)
            else:
                answer[unit_id] = Evidence(EvidenceStatus.NOT_MET, no_own_channel, registry, owner)
            continue
        unit_coverage = coverage[unit_id]
        asked = [(code, name) for code, name in metrics if asked_of[unit_id].asks(code)]
        if not asked:
            answer[unit_id] = Evidence(EvidenceStatus.NOT_EVIDENCED, nothing_configured, fix_by=communication)
            continue
        missing = [name for code, name in asked if code not in unit_coverage.codes]
        collected = len(asked) - len(missing)
        status = (
            EvidenceStatus.MET if not missing else EvidenceStatus.PARTLY_MET if collected else EvidenceStatus.NOT_MET
        )
        met = status == EvidenceStatus.MET
        answer[unit_id] = Evidence(
            status=status,
            summary=summary_text % {"collected": collected, "required": len(asked), "days": WINDOW_DAYS},
            fix_url="" if met else metrics_url(unit, level_number),
            fix_by="" if met else owners,
            details=tuple(detail_text % {"metric": name} for name in missing),
        )
    return answer


def register_metric_evidence() -> None:
    """Called from ``MonitoringConfig.ready()``."""
    register_evidence(
        code="metrics_collected", dimension="effect", label=EVIDENCE_LABEL, provider=metrics_collected_evidence
    )
