"""What monitoring shows the gap engine: duties met over the last 30 days (no check of a channel missed against the
level's monitoring norm) and answers given (or found not needed) within their deadline.

One truth: the missed checks are those the alerts page lists for the unit (``?duty=checks&unit=…``,
``monitoring.alerts.selectors.missed_check_alerts``); the answers due are those the inbox lists for it
(``?due=30&unit=…&status=all``, ``monitoring.inbox.selectors.answers_due_filter``), and the share handled in time is
the one the inbox shows above them (``answer_deadline_counts``): answered by the deadline, or closed as "no answer
needed" by then (closed after it, it was handled late); a unit's channels are the channel registry's (only an active
channel is swept for missed checks). The communication unit answers the hospital's lines, so its figures are the whole
hospital's (its alerts, its inbox, its channels).

No silent passes: where the scale asks (``maturity.evidence.source_asked_at``) every unit gets an answer. A department
without an active channel of its own has no profile to check and nothing to answer on ("not applicable": the
communication unit checks and answers on the official profiles); the communication unit without an active channel
does not meet the duty.

A fixed number of queries for any number of units, loaded once per ``evidence_run`` for all levels.
"""

import datetime
from collections.abc import Sequence
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from channels_plan.calendar.selectors import recent_window
from channels_plan.evidence import answering_channel_counts
from channels_plan.models import Channel
from governance.models import Unit
from maturity.evidence import Evidence, EvidenceStatus, register_evidence, run_memo, source_asked_at, units_key
from monitoring.alerts.selectors import missed_check_alerts, missed_check_counts
from monitoring.inbox.selectors import DUE_DAYS, answer_deadline_counts, answers_due_filter
from monitoring.models import Interaction

# Of the answers due in the window, at least this share was given in time.
ANSWERS_MET = 0.9
ANSWERS_PARTLY = 0.6


def missed_checks_url(unit_id: int) -> str:
    """The alerts page with the unit's missed checks of the last 30 days."""
    return f"{reverse('monitoring:alerts')}?{urlencode({'duty': 'checks', 'unit': unit_id})}"


def answers_due_url(unit: Unit) -> str:
    """The inbox with the answers the unit (the communication unit: the hospital) was due to give in the last 30
    days, answered or not."""
    query = {"hospital": unit.hospital_id, "due": DUE_DAYS, "status": "all"}
    if not unit.is_communication_unit:
        query["unit"] = unit.pk
    return f"{reverse('monitoring:inbox')}?{urlencode(query)}"


class _NoChannelTexts:
    """What the providers say of a unit without an active channel, translated once per call."""

    def __init__(self, department_text: str):
        self.communication = _("The communication unit")
        self.no_channel = _("The channel registry lists no active channel of the hospital.")
        self.department = department_text
        self.waiting = _("%(count)s approved channels are still “planned”: set each active once its account exists.")
        self.registry_url = reverse("channels_plan:channel_list")

    def evidence(self, unit: Unit, planned: int) -> Evidence:
        details = (self.waiting % {"count": planned},) if planned else ()
        if unit.is_communication_unit:
            return Evidence(EvidenceStatus.NOT_MET, self.no_channel, self.registry_url, self.communication, details)
        return Evidence(EvidenceStatus.NOT_APPLICABLE, self.department, details=details)


def monitoring_duties_evidence(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """A unit with active channels had no missed-check alert in the last 30 days (the sweep raises one when a check
    is later than the monitoring norm's interval); an alert still open means the duty is not met now."""
    if not source_asked_at("monitoring_duties", level_number):
        return {}
    channels = answering_channel_counts(units)
    start, end = recent_window(today)
    hospitals = {unit.hospital_id for unit in units if unit.is_communication_unit}
    counts = run_memo(
        ("monitoring.missed_checks", units_key(units), today),
        lambda: missed_check_counts(
            missed_check_alerts(unit_ids=units_key(units), hospital_ids=hospitals, start=start, end=end)
        ),
    )
    none_missed = Evidence(EvidenceStatus.MET, _("No check missed in the last 30 days"))
    summary_text = _("%(missed)s missed checks in the last 30 days, %(open)s still open")
    owner = _("The channel's owner")
    no_channel = _NoChannelTexts(
        _(
            "The unit has no active channel of its own in the channel registry: the communication unit checks the "
            "official profiles."
        )
    )
    answers = {}
    for unit in units:
        if not channels[unit.pk][Channel.Status.ACTIVE]:
            answers[unit.pk] = no_channel.evidence(unit, channels[unit.pk][Channel.Status.PLANNED])
            continue
        if unit.is_communication_unit:  # it answers the hospital's duties
            missed, still_open = counts.by_hospital[unit.hospital_id], counts.open_by_hospital[unit.hospital_id]
        else:
            missed, still_open = counts.by_unit[unit.pk], counts.open_by_unit[unit.pk]
        if not missed:
            answers[unit.pk] = none_missed
            continue
        status = EvidenceStatus.NOT_MET if still_open else EvidenceStatus.PARTLY_MET
        summary = summary_text % {"missed": missed, "open": still_open}
        answers[unit.pk] = Evidence(status, summary, missed_checks_url(unit.pk), owner)
    return answers


def _answers_due(units: Sequence[Unit], today: datetime.date):
    start, end = recent_window(today, DUE_DAYS)
    hospitals = {unit.hospital_id for unit in units if unit.is_communication_unit}
    of = Q(unit__in=units_key(units)) | Q(hospital__in=hospitals)
    due = Interaction.objects.filter(of, answers_due_filter(start=start, end=end, now=timezone.now()))
    return answer_deadline_counts(due)


def answer_deadlines_evidence(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """Of the interactions the unit answers for whose deadline fell in the last 30 days, the share handled in time:
    answered, or closed as "no answer needed", by the deadline."""
    if not source_asked_at("answer_deadlines", level_number):
        return {}
    channels = answering_channel_counts(units)
    counts = run_memo(("monitoring.answers_in_time", units_key(units), today), lambda: _answers_due(units, today))
    none_due = Evidence(EvidenceStatus.MET, _("No answer was due in the last 30 days"))
    summary_text = _("%(in_time)s of %(total)s answers due in the last 30 days were given in time")
    community_managers = _("The community managers")
    no_channel = _NoChannelTexts(
        _(
            "The unit has no active channel of its own and no answer was due from it in the last 30 days: the "
            "communication unit answers on the official profiles."
        )
    )
    answers = {}
    for unit in units:
        if unit.is_communication_unit:  # it answers for the whole hospital
            total, in_time = counts.by_hospital[unit.hospital_id], counts.in_time_by_hospital[unit.hospital_id]
        else:
            total, in_time = counts.by_unit[unit.pk], counts.in_time_by_unit[unit.pk]
        if not total:
            if channels[unit.pk][Channel.Status.ACTIVE]:
                answers[unit.pk] = none_due
            else:
                answers[unit.pk] = no_channel.evidence(unit, channels[unit.pk][Channel.Status.PLANNED])
            continue
        share = in_time / total
        status = (
            EvidenceStatus.MET
            if share >= ANSWERS_MET
            else EvidenceStatus.PARTLY_MET
            if share >= ANSWERS_PARTLY
            else EvidenceStatus.NOT_MET
        )
        summary = summary_text % {"in_time": in_time, "total": total}
        fixing = status != EvidenceStatus.MET
        answers[unit.pk] = Evidence(
            status, summary, answers_due_url(unit) if fixing else "", community_managers if fixing else ""
        )
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
