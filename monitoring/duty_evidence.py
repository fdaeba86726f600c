"""What monitoring shows the gap engine: duties met over the last 30 days (no check of a channel missed against the
level's monitoring norm) and answers given within their deadline. A fixed number of queries for any number of
units, loaded once per ``evidence_run`` for all levels; each answers only where the scale asks
(``maturity.evidence.source_asked_at``)."""

import datetime
from collections import Counter
from collections.abc import Sequence

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from channels_plan.models import Channel
from governance.models import Unit
from maturity.evidence import Evidence, EvidenceStatus, register_evidence, run_memo, source_asked_at, units_key
from monitoring.models import Alert, Interaction

WINDOW_DAYS = 30
MISSED_CHECK_CAUSES = (Alert.Cause.MISSED_CHECK, Alert.Cause.INVOLVEMENT_CHECK)
# Of the answers due in the window, at least this share was given in time.
ANSWERS_MET = 0.9
ANSWERS_PARTLY = 0.6


def _window(today: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    end = timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))
    return end - datetime.timedelta(days=WINDOW_DAYS), end


def units_with_active_channels(units: Sequence[Unit]) -> set[int]:
    """The units with an active channel: one query, once per ``evidence_run``."""
    return run_memo(
        ("monitoring.units_with_active_channels", units_key(units)),
        lambda: set(
            Channel.objects.filter(unit__in=[unit.pk for unit in units], status=Channel.Status.ACTIVE).values_list(
                "unit_id", flat=True
            )
        ),
    )


def _missed_checks(unit_ids: list[int], today: datetime.date) -> tuple[Counter, Counter]:
    """Per unit the missed-check alerts open during the window, and those still open. One query."""
    start, end = _window(today)
    alerts = Alert.objects.filter(unit__in=unit_ids, cause__in=MISSED_CHECK_CAUSES, opened_at__lte=end).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=start)
    )
    missed, still_open = Counter(), Counter()
    for unit_id, closed_at in alerts.values_list("unit_id", "closed_at"):
        missed[unit_id] += 1
        still_open[unit_id] += closed_at is None
    return missed, still_open


def monitoring_duties_evidence(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """A unit with active channels had no missed-check alert in the last 30 days (the sweep raises one when a check
    is later than the monitoring norm's interval); an alert still open means the duty is not met now."""
    if not source_asked_at("monitoring_duties", level_number):
        return {}
    with_channels = units_with_active_channels(units)
    missed, still_open = run_memo(
        ("monitoring.missed_checks", units_key(units), today),
        lambda: _missed_checks([unit.pk for unit in units], today),
    )
    none_missed = Evidence(EvidenceStatus.MET, _("No check missed in the last 30 days"))
    summary_text = _("%(missed)s missed checks in the last 30 days, %(open)s still open")
    fix_url, fix_by = reverse("monitoring:alerts"), _("The channel's owner")
    answers = {}
    for unit in units:
        if unit.pk not in with_channels:
            continue
        if not missed[unit.pk]:
            answers[unit.pk] = none_missed
            continue
        status = EvidenceStatus.NOT_MET if still_open[unit.pk] else EvidenceStatus.PARTLY_MET
        summary = summary_text % {"missed": missed[unit.pk], "open": still_open[unit.pk]}
        answers[unit.pk] = Evidence(status, summary, fix_url, fix_by)
    return answers


def _answers_in_time(unit_ids: list[int], today: datetime.date) -> tuple[Counter, Counter]:
    """Per unit the interactions whose answer deadline fell in the window, and those answered in time. One query."""
    start, end = _window(today)
    due = Interaction.objects.filter(unit__in=unit_ids, deadline__range=(start, min(end, timezone.now())))
    total, in_time = Counter(), Counter()
    for unit_id, deadline, answered_at in due.values_list("unit_id", "deadline", "answered_at"):
        total[unit_id] += 1
        in_time[unit_id] += answered_at is not None and answered_at <= deadline
    return total, in_time


def answer_deadlines_evidence(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """Of the interactions whose answer deadline fell in the last 30 days, the share answered in time."""
    if not source_asked_at("answer_deadlines", level_number):
        return {}
    with_channels = units_with_active_channels(units)
    total, in_time = run_memo(
        ("monitoring.answers_in_time", units_key(units), today),
        lambda: _answers_in_time([unit.pk for unit in units], today),
    )
    none_due = Evidence(EvidenceStatus.MET, _("No answer was due in the last 30 days"))
    summary_text = _("%(in_time)s of %(total)s answers due in the last 30 days were given in time")
    fix_url, fix_by = reverse("monitoring:inbox"), _("The community managers")
    answers = {}
    for unit in units:
        if unit.pk not in with_channels and not total[unit.pk]:
            continue
        if not total[unit.pk]:
            answers[unit.pk] = none_due
            continue
        share = in_time[unit.pk] / total[unit.pk]
        status = (
            EvidenceStatus.MET
            if share >= ANSWERS_MET
            else EvidenceStatus.PARTLY_MET
            if share >= ANSWERS_PARTLY
            else EvidenceStatus.NOT_MET
        )
        summary = summary_text % {"in_time": in_time[unit.pk], "total": total[unit.pk]}
        fixing = status != EvidenceStatus.MET
        answers[unit.pk] = Evidence(status, summary, fix_url if fixing else "", fix_by if fixing else "")
    return answers


def register_duty_evidence() -> None:
    register_evidence(
        code="monitoring_duties",
        dimension="monitoring",
        label=gettext_lazy("Monitoring duties met over the last 30 days"),
        provider=monitoring_duties_evidence,
    )
    register_evidence(
        code="answer_deadlines",
        dimension="interaction",
        label=gettext_lazy("Answer deadlines met over the last 30 days"),
        provider=answer_deadlines_evidence,
    )
